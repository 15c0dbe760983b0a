# kubectl rollout status|history|undo|restart|pause on a StatefulSet,
# waiting in simulated time as kubectl waits.
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
kubectl rollout status sts/web
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24
kubectl rollout status sts/web
kubectl rollout history sts/web
kubectl rollout history sts/web --revision=2
# -o prints each revision as the StatefulSet it records (GetHistory,
# applyStatefulSetHistory), oldest first; no table printers
kubectl rollout history sts/web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
kubectl rollout history sts/web --revision=1 -o name
kubectl rollout history sts/web -o yaml | grep -E '^(---|kind)'
kubectl rollout history sts/web -o wide; echo "exit $?"
kubectl rollout undo sts/web
kubectl rollout status sts/web --timeout=10m
kubectl rollout undo sts/web --to-revision=3
kubectl rollout undo sts/web --to-revision=9; echo "exit $?"
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
kubectl rollout restart sts/web
kubectl rollout restart sts/web; echo "exit $?"
kubectl rollout status sts/web --watch=false
kubectl rollout status sts/web
kubectl rollout pause sts/web; echo "exit $?"
kubectl rollout restart pod/web-0; echo "exit $?"
kubectl rollout; echo "exit $?"
kubectl rollout foo; echo "exit $?"
kubectl rollout status; echo "exit $?"
kubectl rollout status sts/nope; echo "exit $?"
# int64 and duration flags fail as pflag parses them, before anything else;
# --revision is validated before the set is looked up
kubectl rollout history sts/web --revision=abc; echo "exit $?"
kubectl rollout undo sts/web --to-revision=2x; echo "exit $?"
kubectl rollout status sts/web --timeout=5; echo "exit $?"
kubectl rollout history sts/nope --revision=-1; echo "exit $?"
kubectl patch sts web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'
kubectl rollout status sts/web; echo "exit $?"
# --dry-run: client shows what it would do, server validates on a copy; neither changes the set
kubectl get sts web -o jsonpath='{.metadata.generation}{"\n"}'
kubectl rollout undo sts/web --dry-run=client | head -2
kubectl rollout undo sts/web --dry-run=server
kubectl rollout restart sts/web --dry-run=client
kubectl rollout restart sts/web --dry-run=server
kubectl get sts web -o jsonpath='{.metadata.generation}{"\n"}'
# --record (deprecated, still honoured): the command line becomes the new revision's CHANGE-CAUSE
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27 --record
kubectl rollout history sts/web
# -o: undo and restart print their object; 'name' drops the operation (ShortOutput)
kubectl rollout undo sts/web -o name
kubectl rollout restart sts/web -o jsonpath='{.spec.template.metadata.annotations}{"\n"}'
sleep 1
kubectl rollout restart sts/web --dry-run=client -o name
kubectl rollout history sts/web

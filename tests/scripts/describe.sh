# kubectl describe: one object, a name prefix, a selector, several kinds.
kubectl describe; echo "exit $?"
kubectl describe pods
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sim settle
kubectl describe sts web
kubectl describe svc nginx
kubectl describe pod web-0
kubectl describe pvc www-web-1
kubectl describe pods web | grep -E '^(Name|Node):'
kubectl describe pods -l app=nginx | grep -c '^Name:'
kubectl describe pod nope; echo "exit $?"
kubectl describe pod nope web-0 | grep '^Name:'; echo "exit $?"
kubectl describe node ordinal-worker | head -5
# --show-events=false: no Events section at all
kubectl describe pod web-0 --show-events=false | tail -2
kubectl describe sts web --show-events=false | grep -c Events

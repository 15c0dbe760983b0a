# kubectl run (Pods that run a command, with -i, --rm, --restart) and
# kubectl logs.
kubectl run sleeper --image=busybox:1.28 -- sleep 3600
kubectl get pod sleeper -o jsonpath='{.spec.restartPolicy} {.spec.containers[0].args}{"\n"}'
kubectl run sleeper --image=busybox:1.28; echo "exit $?"
kubectl run once --image=busybox:1.28 --restart=Never -- echo hello
sim advance 10s
kubectl get pod once
kubectl logs once
kubectl logs pod/once --tail=1
kubectl logs once -c other; echo "exit $?"
kubectl logs nope; echo "exit $?"
kubectl logs; echo "exit $?"
# (no `creationTimestamp: null` since 1.34; see apply.sh)
kubectl run gen --image=busybox:1.28 --dry-run=client -o yaml -- sleep 10
kubectl run gen --image=busybox:1.28 --restart=Never --dry-run=client
kubectl run; echo "exit $?"
kubectl run x; echo "exit $?"
kubectl run x --image=busybox --restart=Sometimes; echo "exit $?"
kubectl run x --image=busybox --rm; echo "exit $?"
kubectl run x --image=busybox -t; echo "exit $?"
kubectl run x --image=busybox -i --dry-run=client; echo "exit $?"
kubectl run x --image=Busybox; echo "exit $?"
kubectl delete pod sleeper once
# One-shot Pods attached with -i: their output, kubectl's exit code, and
# the --rm deletion printed before the error.
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
kubectl rollout status sts/web
kubectl run t1 --image=busybox:1.28 --restart=Never --rm -it -- nslookup web-0.nginx
kubectl run t2 --image=busybox:1.28 --restart=Never --rm -i -- nslookup web-9.nginx; echo "exit $?"
kubectl run t3 --image=busybox:1.28 --rm -it --restart=Never -- sh -c 'exit 3'; echo "exit $?"
kubectl run t4 --image=nginx:does-not-exist --restart=Never -i --pod-running-timeout=20s -- true; echo "exit $?"
kubectl get pods
# The kubelet keeps one log per container instance: a crash-looping
# container shows its last run, `-p` the previous instance; the errors
# when there is no such log.
kubectl logs t4; echo "exit $?"
kubectl logs web-0 -p; echo "exit $?"
kubectl run crash --image=busybox:1.28 -- sh -c 'echo run; exit 1'
# (not scheduled yet: the API server streams nothing)
kubectl logs crash; echo "exit $?"
sim advance 1s
kubectl logs crash; echo "exit $?"
sim advance 2m
kubectl get pod crash
kubectl logs crash
kubectl logs crash --previous --prefix
kubectl logs crash --since=1s; echo "exit $?"
kubectl logs crash --since=0.1s; echo "exit $?"

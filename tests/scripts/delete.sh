# kubectl delete: names, TYPE/NAME, -l, --all, -f, cascades, grace
# periods and --force, --wait=false, dry runs, and what waiting does.
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sim settle
kubectl delete pod web-1 --dry-run=client
kubectl delete pod web-1 --dry-run=server
kubectl delete pod web-1 --wait=false
kubectl get pods
kubectl delete pod/web-1
kubectl get pods
sim settle
kubectl delete pod web-0 --grace-period=0 --force
kubectl get pods
sim settle
kubectl delete pod web-0 --grace-period=5 --force; echo "exit $?"
kubectl delete pod web-0 --now --grace-period=3; echo "exit $?"
kubectl delete pod web-0 --cascade=sideways; echo "exit $?"
kubectl delete pod web-0 -o yaml; echo "exit $?"
kubectl delete pod nope; echo "exit $?"
kubectl delete pod nope --ignore-not-found; echo "exit $?"
kubectl delete pods -l app=nope
kubectl delete pods; echo "exit $?"
kubectl delete; echo "exit $?"
# Names with a selector or --all are refused, never deleted (the builder's
# visitBySelector); --all with a selector is refused by SelectAllParam
kubectl delete pod web-0 -l app=nginx; echo "exit $?"
kubectl delete pod web-0 --all; echo "exit $?"
kubectl delete pod/web-0 -l app=nginx; echo "exit $?"
kubectl delete pods --all -l app=nginx; echo "exit $?"
kubectl delete -l app=nginx; echo "exit $?"
kubectl delete pods -l app=nginx -o name
sim settle
kubectl delete sts web --cascade=orphan
kubectl get pods
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sim settle
kubectl delete sts web --cascade=foreground --timeout=5s; echo "exit $?"
kubectl get sts,pods
sim settle
kubectl get sts,pods
kubectl delete -f https://k8s.io/examples/application/web/web.yaml; echo "exit $?"
kubectl delete pvc --all
kubectl get pv
# Orphan propagation on a Pod: the garbage collector removes the orphan
# finalizer (a Pod has no dependents), the Pod goes and its set replaces it.
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sim settle
kubectl delete pod web-1 --cascade=orphan
sim settle
kubectl get pods -l app=nginx

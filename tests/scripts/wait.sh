# kubectl wait: conditions, jsonpath, create, delete following the uid,
# timeouts, and the errors.
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
kubectl wait --for=create pod/web-0 --timeout=30s
kubectl wait --for=condition=Ready pod/web-0 --timeout=60s
kubectl wait --for=condition=Ready pod -l app=nginx --timeout=2m
kubectl wait --for=jsonpath='{.status.readyReplicas}'=2 sts/web
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web-1
kubectl wait --for=condition=Ready=false pod/web-0 --timeout=5s; echo "exit $?"
kubectl wait --for=condition=Ready pod/web-0 --timeout=0
# web-0 comes back under the same name: the wait follows the uid.
kubectl delete pod web-0 --wait=false
kubectl wait --for=delete pod/web-0 --timeout=60s
kubectl wait --for=condition=Ready pod/web-0 --timeout=60s
kubectl wait --for=delete pod/nope
kubectl wait --for=condition=Ready pod/nope; echo "exit $?"
kubectl wait --for=condition=Ready pod -l app=nope; echo "exit $?"
kubectl wait pod/web-0; echo "exit $?"
kubectl wait --for=ready pod/web-0; echo "exit $?"
kubectl wait --for=jsonpath='{.status.phase}'= pod/web-0; echo "exit $?"
kubectl wait --for=condition=Ready pods; echo "exit $?"
# A negative timeout waits a week; it must still be a duration.
kubectl wait --for=delete pod/web-0 --timeout -l; echo "exit $?"
kubectl wait --for=delete pod/web-0 --timeout=5; echo "exit $?"

# Nodes: get, describe, cordon, uncordon, drain.
kubectl get nodes -o wide
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sim settle
kubectl get pods -o wide
kubectl cordon ordinal-worker3
kubectl cordon ordinal-worker3
kubectl get nodes
kubectl drain ordinal-worker3; echo "exit $?"
kubectl drain ordinal-worker3 --ignore-daemonsets --delete-emptydir-data
kubectl get pods -o wide
sim settle
kubectl get pods -o wide
kubectl uncordon ordinal-worker3
kubectl uncordon ordinal-worker3
kubectl cordon nope; echo "exit $?"
kubectl cordon; echo "exit $?"
kubectl uncordon; echo "exit $?"
kubectl drain; echo "exit $?"

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
# --dry-run: the lines kubectl prints, nothing written (web-1 runs on ordinal-worker)
kubectl get pod web-1 -o jsonpath='{.spec.nodeName}{"\n"}'
kubectl cordon ordinal-worker --dry-run=client
kubectl drain ordinal-worker --ignore-daemonsets --dry-run=client
kubectl drain ordinal-worker --ignore-daemonsets --dry-run=server
kubectl taint nodes ordinal-worker k=v:NoSchedule --dry-run=client
kubectl get node ordinal-worker -o jsonpath='{.spec.unschedulable}|{.spec.taints}{"\n"}'
kubectl get pod web-1 -o jsonpath='{.spec.nodeName} {.metadata.deletionTimestamp}{"\n"}'

# The simulator's own controls.
help
help sim
sim status
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sim advance 3s
kubectl get pods
sim status
sim settle
sim fail web-0 readiness
sim advance 40s
kubectl get pods
sim heal web-0
sim settle
kubectl get pods
sim fail web-1 crash
sim advance 1m
kubectl get pods
sim heal web-1
sim node down ordinal-worker
sim advance 1m
kubectl get nodes
sim node up ordinal-worker
sim image broken registry.k8s.io/nginx-slim:0.24
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24
sim advance 1m
kubectl get pods
sim image ok registry.k8s.io/nginx-slim:0.24
sim pod evict web-0
sim settle --timeout 10m
# A container that sleeps for an hour: the cluster is settled once it runs,
# and a watch ends when nothing else is pending.
kubectl run sleeper --image=busybox:1.28 -- sleep 3600
sim settle
kubectl get pod sleeper -w
sim status
sim seed 7
sim advance forever
sim fail web-0 sneeze
sim nonsense
sleep 2m
sleep
sleep 1x

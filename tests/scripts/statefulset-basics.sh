# The StatefulSet Basics tutorial
# (kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/),
# section by section, in one terminal: where the tutorial starts a watch in a
# second terminal, the watch here comes right after the command and runs
# until nothing is pending. Where the tutorial types into the dns-test
# shell, the lines come from a heredoc.

## Creating a StatefulSet
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
# Ordered Pod creation
kubectl get pods --watch -l app=nginx
kubectl get service nginx
kubectl get statefulset web

## Pods in a StatefulSet
# Examining the Pod's ordinal index
kubectl get pods -l app=nginx
# Using stable network identities
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done
kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm <<EOT
nslookup web-0.nginx
nslookup web-1.nginx
EOT
kubectl delete pod -l app=nginx
kubectl get pod --watch -l app=nginx
for i in 0 1; do kubectl exec web-$i -- sh -c 'hostname'; done
kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm <<EOT
nslookup web-0.nginx
nslookup web-1.nginx
EOT

## Writing to stable storage
kubectl get pvc -l app=nginx
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done
kubectl delete pod -l app=nginx
kubectl get pod --watch -l app=nginx
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done

## Scaling a StatefulSet
# Scaling up
kubectl scale sts web --replicas=5
kubectl get pod --watch -l app=nginx
# Scaling down
kubectl patch sts web -p '{"spec":{"replicas":3}}'
kubectl get pods --watch -l app=nginx
# Ordered Pod termination
kubectl get pvc -l app=nginx

## Updating StatefulSets
# RollingUpdate
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'
kubectl get pod -l app=nginx --watch
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
kubectl rollout status sts/web
# Staging an update
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":3}}}}'
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.21"}]'
kubectl delete pod web-2
kubectl get pod -l app=nginx --watch
kubectl get pod web-2 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'
# Rolling out a canary
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'
kubectl get pod -l app=nginx --watch
kubectl get pod web-2 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'
kubectl delete pod web-1
kubectl get pod -l app=nginx --watch
kubectl get pod web-1 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'
# Phased roll outs
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}'
kubectl get pod -l app=nginx --watch
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
# OnDelete: the tutorial's patch keeps the defaulted rollingUpdate block, which
# the API server refuses (kubernetes/website#47038); clearing it works.
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete"}}}'
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'

## Deleting StatefulSets
# Non-cascading delete
kubectl delete statefulset web --cascade=orphan
kubectl get pods -l app=nginx
kubectl delete pod web-0
kubectl get pods -l app=nginx
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
kubectl get pods --watch -l app=nginx
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done
# Cascading delete
kubectl delete statefulset web
kubectl get pods --watch -l app=nginx
kubectl delete service nginx
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
kubectl get pods --watch -l app=nginx
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done
kubectl delete service nginx
kubectl delete statefulset web
# The cascade removes the Pods after the StatefulSet; a reader takes that
# long to get to the next section.
kubectl wait --for=delete pod -l app=nginx --timeout=60s

## Pod management policy
# Parallel Pod management (web-parallel.yaml: web.yaml with
# podManagementPolicy: Parallel and nginx-slim:0.24)
kubectl apply -f web-parallel.yaml
kubectl get pod -l app=nginx --watch
kubectl scale statefulset/web --replicas=5
kubectl get pod -l app=nginx --watch

## Cleaning up
kubectl delete sts web
kubectl get pod -l app=nginx --watch
kubectl delete svc nginx
kubectl get pvc
kubectl get pv
kubectl delete pvc www-web-0 www-web-1 www-web-2 www-web-3 www-web-4
kubectl get pvc

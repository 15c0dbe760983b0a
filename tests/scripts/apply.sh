# kubectl apply / create / replace / diff, dry runs and the errors of
# each, with their exit codes.
cat > svc.yaml <<EOT
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
EOT
kubectl apply -f svc.yaml --dry-run=client
kubectl apply -f svc.yaml --dry-run=server
kubectl get svc
kubectl apply -f svc.yaml
kubectl apply -f svc.yaml
kubectl apply -f svc.yaml -o name
kubectl create -f svc.yaml; echo "exit $?"
kubectl diff -f svc.yaml; echo "exit $?"
sed 's/port: 80/port: 8080/' svc.yaml > svc2.yaml
kubectl diff -f svc2.yaml; echo "exit $?"
# diff stops at the first error, shows no diff and exits 2 (CheckDiffErr):
# a namespace that does not exist, -n against the file's, a bad selector.
sed 's/name: nginx/name: nginx\n  namespace: nowhere/' svc2.yaml > svc3.yaml
kubectl diff -f svc2.yaml -f svc3.yaml; echo "exit $?"
kubectl diff -f svc3.yaml -n default; echo "exit $?"
kubectl diff -f svc2.yaml -l 'app in (nginx'; echo "exit $?"
kubectl diff -f svc2.yaml -l app=other; echo "exit $?"
kubectl apply -f svc2.yaml
kubectl replace -f svc.yaml
kubectl get svc nginx
# A StatefulSet from stdin
kubectl apply -f - <<EOT
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
EOT
# Errors: invalid objects, unknown fields, immutable fields, bad YAML
kubectl apply -f - <<EOT; echo "exit $?"
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: Web
spec:
  serviceName: nginx
  replicas: -1
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
EOT
kubectl apply -f - <<EOT; echo "exit $?"
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web2
spec:
  serviceName: nginx
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        imagee: registry.k8s.io/nginx-slim:0.21
EOT
kubectl patch sts web -p '{"spec":{"serviceName":"other"}}'; echo "exit $?"
kubectl apply -f - <<EOT; echo "exit $?"
apiVersion: v1
kind: Service
metadata:
  name: broken
spec:
  ports:
  - port: 80
   name: web
EOT
kubectl apply -f nothing.yaml; echo "exit $?"
kubectl apply; echo "exit $?"
kubectl create; echo "exit $?"
kubectl replace; echo "exit $?"
kubectl diff; echo "exit $?"
kubectl apply -f svc.yaml --dry-run=maybe; echo "exit $?"
# Generators
kubectl create namespace team-a
kubectl create namespace team-a; echo "exit $?"
kubectl create ns; echo "exit $?"
kubectl create configmap web-config --from-literal=index=hello -n team-a
# Since 1.34 a generated object has no `creationTimestamp: null`
# (kubernetes#130989).
kubectl create configmap web-config --from-literal=index=hello --dry-run=client -o yaml
kubectl create secret generic creds --from-literal=user=admin --dry-run=client -o yaml
kubectl create service clusterip headless --clusterip=None --dry-run=client -o yaml
# create_service.go parsePorts: the port a uint16, the target a number or a port name.
kubectl create service clusterip x --tcp=80:web,443:8443 --dry-run=client -o jsonpath='{.spec.ports}{"\n"}'
kubectl create service clusterip x --tcp=abc --dry-run=client; echo "exit $?"
kubectl create service clusterip x --tcp=70000 --dry-run=client; echo "exit $?"
kubectl create service clusterip x --tcp=80:Web_1 --dry-run=client; echo "exit $?"
kubectl create service clusterip x --tcp=80:0 --dry-run=client; echo "exit $?"
kubectl create service nodeport np --tcp=80 --node-port=30080 --dry-run=client -o jsonpath='{.spec.ports}{"\n"}'
# A generated object printed with -o json keeps the Go struct order (kind before apiVersion).
kubectl create secret generic s --from-literal=a=b --dry-run=client -o json
# The generators' own checks (generate/versioned/run.go, create_configmap.go, create_secret.go).
kubectl run web --image=nginx --env=FOO --dry-run=client; echo "exit $?"
kubectl run web --image=nginx --labels=a --dry-run=client; echo "exit $?"
kubectl run web --image=nginx --port=abc --dry-run=client; echo "exit $?"
kubectl run web --image=nginx --labels= --env=A_1=x --port=80 --dry-run=client -o jsonpath='{.metadata.labels} {.spec.containers[0].env} {.spec.containers[0].ports}{"\n"}'
kubectl create configmap cm --from-literal=a=1 --from-literal=a=2 --dry-run=client; echo "exit $?"
kubectl create configmap cm --from-literal="bad key=1" --dry-run=client; echo "exit $?"
kubectl create secret generic s --from-literal=a=1 --from-literal=a=2 --dry-run=client; echo "exit $?"
kubectl create deployment nginx --image=nginx --dry-run=client -o yaml
# After `--`: the container's command (create deployment), ignored elsewhere.
kubectl create deployment client --image=busybox:1.36 --dry-run=client -o jsonpath='{.spec.template.spec.containers[0].command}{"\n"}' -- sleep 3600
kubectl create deployment client --image=busybox:1.36 --image=nginx -- sleep 3600; echo "exit $?"
kubectl create deployment; echo "exit $?"
kubectl create namespace extra --dry-run=client -- ignored
kubectl create foo bar; echo "exit $?"
# --validate: strict refuses an unknown field; warn and ignore drop it (warn says so)
cat > typo.yaml <<EOT
apiVersion: v1
kind: Service
metadata:
  name: typo
spec:
  clusterIP: None
  selectr:
    app: nginx
  ports:
  - port: 80
EOT
kubectl apply -f typo.yaml; echo "exit $?"
kubectl apply -f typo.yaml --validate=nope; echo "exit $?"
kubectl apply -f typo.yaml --validate=warn
kubectl get svc typo -o jsonpath='{.spec.selector}|{.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}'
kubectl delete svc typo
kubectl create -f typo.yaml --validate=false
kubectl get endpointslices -l kubernetes.io/service-name=typo

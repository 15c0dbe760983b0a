# kubectl get: tables, -o formats, selectors, kinds, and what it says
# when nothing matches.
kubectl get pods
kubectl get pods -A --no-headers | wc -l
kubectl get pv
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sim settle
kubectl get all
kubectl get sts,svc
kubectl get statefulsets.apps web
kubectl get pods -o wide
kubectl get pods -o name
kubectl get sts,svc -o name
kubectl get pods --show-labels
kubectl get pods -L app -L apps.kubernetes.io/pod-index
kubectl get pods --no-headers
kubectl get pods --sort-by=.metadata.name
# Label selectors, with every operator
kubectl get pods -l app=nginx
kubectl get pods -l app==nginx,statefulset.kubernetes.io/pod-name=web-1
kubectl get pods -l 'app in (nginx, httpd)'
kubectl get pods -l 'app notin (nginx)'
kubectl get pods -l 'apps.kubernetes.io/pod-index>0'
kubectl get pods -l 'apps.kubernetes.io/pod-index<1'
kubectl get pods -l app
kubectl get pods -l '!app'
kubectl get pods -l app!=nginx
kubectl get pods -l 'app in nginx'; echo "exit $?"
kubectl get pods -l 'app=nginx x'; echo "exit $?"
# Field selectors
kubectl get pods --field-selector status.phase=Running
kubectl get pods --field-selector metadata.name!=web-0
kubectl get pods --field-selector spec.foo=bar; echo "exit $?"
kubectl get sts --field-selector status.replicas=2; echo "exit $?"
# TYPE/NAME forms, names that do not exist
kubectl get pod/web-0 sts/web
kubectl get pod web-0 web-1
kubectl get pods nope web-0; echo "exit $?"
kubectl get pod nope --ignore-not-found; echo "exit $?"
kubectl get pod web-0 -A; echo "exit $?"
kubectl get pods pod/web-0; echo "exit $?"
# Output formats
kubectl get pod web-0 -o jsonpath='{.metadata.name} {.spec.hostname}.{.spec.subdomain}{"\n"}'
kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.metadata.labels.controller-revision-hash}{"\n"}{end}'
kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,PVC:.spec.volumes[0].persistentVolumeClaim.claimName
kubectl get pod web-0 -o go-template='{{.metadata.name}} {{.status.phase}}{{"\n"}}'
kubectl get pods -o go-template --template='{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}'
kubectl get svc nginx -o yaml
kubectl get svc nginx -o json
kubectl get pods -l app=none -o yaml
kubectl get pods -o foo; echo "exit $?"
kubectl get pods -o yaml --show-labels; echo "exit $?"
# Other kinds
kubectl get pvc
kubectl get endpointslices -l kubernetes.io/service-name=nginx
kubectl get endpoints nginx
kubectl get controllerrevisions
kubectl get nodes
kubectl get sc
kubectl get ns
kubectl get pods -n kube-system -l k8s-app=kube-dns
kubectl get svc -n kube-system
kubectl get --raw /apis/apps/v1/namespaces/default/statefulsets/web/scale
# --sort-by: kubectl's unstable sort, natural order for names, quantities by value
kubectl get events --sort-by=.lastTimestamp
kubectl get pods --sort-by=.metadata.name
kubectl get pods --sort-by='{.status.podIP}' -o name
kubectl get pvc --sort-by=.spec.resources.requests.storage
kubectl get pods --sort-by=.spec.nope; echo "exit $?"
kubectl get pods --sort-by=.metadata.labels; echo "exit $?"
kubectl get pods -o name --sort-by='{.a}{.b}'; echo "exit $?"
# --allow-missing-template-keys=false: a missing key is an error
kubectl get sts web -o jsonpath='{.spec.nope}' --allow-missing-template-keys=false 2>&1 | head -1
kubectl get sts web -o go-template='{{.spec.nope}}' --allow-missing-template-keys=false 2>&1 | tail -1
kubectl get sts web -o go-template='{{.spec.nope}}{{"\n"}}'
kubectl get
# A watch with custom columns prints its header once (customcolumn.go lastType).
kubectl delete pod web-1 --wait=false
kubectl get pods -w -o custom-columns=NAME:.metadata.name,PHASE:.status.phase

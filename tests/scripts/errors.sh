# What kubectl prints when a command cannot run: unknown commands, flags
# and resources, objects that are missing or already exist, invalid
# objects and conflicts, each with its exit status.
kubectl gett pods; echo "exit $?"
kubectl get pods --replica; echo "exit $?"
kubectl get pods -x; echo "exit $?"
kubectl get pods -n; echo "exit $?"
kubectl --foo get pods; echo "exit $?"
kubectl -n; echo "exit $?"
kubectl get foo; echo "exit $?"
kubectl get pods --watch=maybe; echo "exit $?"
kubectl get pod web-0; echo "exit $?"
kubectl get sts web -n nowhere; echo "exit $?"
kubectl create namespace default; echo "exit $?"
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
kubectl create -f https://k8s.io/examples/application/web/web.yaml; echo "exit $?"
kubectl apply -f https://k8s.io/examples/application/web/missing.yaml; echo "exit $?"
kubectl scale sts web --replicas=3 --resource-version=1; echo "exit $?"
kubectl exec web-0; echo "exit $?"
kubectl exec web-0 ls; echo "exit $?"
kubectl exec; echo "exit $?"
kubectl explain pods; echo "exit $?"
kubectl port-forward pod/web-0 8080:80; echo "exit $?"
kubectl port-forward web-0; echo "exit $?"
kubectl top pods; echo "exit $?"
# A group without a known subcommand: its help on stderr (exit 1), or every
# argument in the unknown-command error; flag errors name the subcommand
kubectl top; echo "exit $?"
kubectl top foo bar; echo "exit $?"
kubectl top po -A=x; echo "exit $?"
kubectl rollout stauts sts/web; echo "exit $?"
kubectl rollout status sts/web --foo; echo "exit $?"
kubectl set imag sts/web nginx=x; echo "exit $?"
kubectl create service foo bar; echo "exit $?"
kubectl version --client
kubectl version -o yaml
kubectl version -o foo; echo "exit $?"
kubectl api-resources --api-group=apps
# --categories, --verbs and --sort-by filter and order (RunAPIResources, sortableResource)
kubectl api-resources --categories=all --sort-by=kind
kubectl api-resources --verbs=list,watch --namespaced=false -o name --sort-by=name
kubectl api-resources --sort-by=age; echo "exit $?"
kubectl api-versions | head -3
kubectl cluster-info
kubectl config current-context
helm install web ./chart; echo "exit $?"
# Checked before the server is asked (kubectl 1.35: pflag, Complete, Validate).
kubectl get pods --chunk-size=abc; echo "exit $?"
kubectl drain ordinal-worker --grace-period=abc; echo "exit $?"
kubectl events --for=pod; echo "exit $?"
kubectl events --for=pod/a/b; echo "exit $?"
kubectl top pod --sort-by=name; echo "exit $?"
kubectl top node ordinal-worker -l a=b; echo "exit $?"
kubectl config use-context kind-ordinal; echo "exit $?"
kubectl config use-context minikube; echo "exit $?"
# A command that changes objects prints no table (NewPrintFlags): checked before it changes anything.
kubectl create deployment d --image=nginx --dry-run=client -o wide; echo "exit $?"
kubectl run x --image=nginx -o custom-columns=NAME:.metadata.name; echo "exit $?"
kubectl get deploy d; echo "exit $?"
# jsonpath-as-json: each node's results as one indented JSON array; --template alone is a go-template.
kubectl create deployment d --image=nginx --port=80 --dry-run=client -o jsonpath-as-json='{.kind}{.spec.template.spec.containers[0].ports}'
kubectl create deployment d --image=nginx --dry-run=client --template='{{.kind}} {{index .metadata.labels "app"}}{{"\n"}}'
kubectl create deployment d --image=nginx --replicas=2 --dry-run=client -o go-template='{{if eq .spec.replicas 2.0}}two{{end}}'; echo "exit $?"

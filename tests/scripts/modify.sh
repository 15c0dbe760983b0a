# scale, patch (strategic, merge, json, --subresource=scale), set image,
# label and annotate: their messages, dry runs and errors.
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sim settle
kubectl scale sts web --replicas=3
kubectl scale sts web --replicas=3 --current-replicas=2; echo "exit $?"
kubectl scale sts/web --replicas=4 --dry-run=client
kubectl scale sts web; echo "exit $?"
kubectl scale sts web --replicas=-1; echo "exit $?"
kubectl scale sts web --replicas=x; echo "exit $?"
kubectl scale --replicas=3; echo "exit $?"
kubectl scale sts nope --replicas=3; echo "exit $?"
kubectl patch sts web -p '{"spec":{"replicas":2}}'
kubectl patch sts web -p '{"spec":{"replicas":2}}'
kubectl patch sts web --type=merge -p '{"spec":{"minReadySeconds":5}}'
kubectl patch sts web --type=json -p '[{"op":"replace","path":"/spec/minReadySeconds","value":0}]'
kubectl patch sts web --subresource=scale -p '{"spec":{"replicas":1}}'
kubectl get sts web --subresource=scale
kubectl get sts web --subresource=scale -o yaml
kubectl get sts web --subresource=sclae; echo "exit $?"
kubectl patch sts web -p 'spec: {replicas: 2}' --dry-run=client -o jsonpath='{.spec.replicas}{"\n"}'
kubectl patch sts web --type=foo -p '{}'; echo "exit $?"
kubectl patch sts web; echo "exit $?"
kubectl patch sts web -p '{"spec":{"replicas":"two"}}'; echo "exit $?"
# A strategic merge patch must be a map (null is an empty one).
kubectl patch sts web -p 'not json'; echo "exit $?"
kubectl patch sts web -p '[1]'; echo "exit $?"
kubectl patch sts web -p 'null'
kubectl patch sts web --type=merge -p 'null'; echo "exit $?"
# A patch cannot rename or move the object the URL names (checkName).
kubectl patch sts web --type=merge -p '{"metadata":{"name":"other"}}'; echo "exit $?"
kubectl patch sts web -p '{"metadata":{"namespace":"kube-system"}}'; echo "exit $?"
kubectl get sts web -o jsonpath='{.spec.replicas} {.spec.minReadySeconds}{"\n"}'
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24
kubectl set image sts/web nginy=registry.k8s.io/nginx-slim:0.24; echo "exit $?"
kubectl set image sts/web; echo "exit $?"
kubectl set foo; echo "exit $?"
kubectl label pod web-0 tier=frontend
kubectl label pod web-0 tier=backend; echo "exit $?"
kubectl label pod web-0 tier=backend --overwrite
kubectl label pod web-0 tier-
kubectl label pod web-0 tier-
kubectl label pods -l app=nginx team=blue
kubectl label pod web-0 --list
kubectl label pod web-0; echo "exit $?"
kubectl label; echo "exit $?"
kubectl label pod web-0 'bad=a b'; echo "exit $?"
kubectl annotate sts web team=blue
kubectl annotate sts web team=red; echo "exit $?"
kubectl annotate sts web team=red --overwrite
kubectl annotate sts web team-
kubectl get pods -L team,tier
# kubectl set env: a new revision like set image; --list, KEY-, -c, --overwrite=false
kubectl set env sts/web GREETING=hello MODE=demo
kubectl set env sts/web --list
kubectl set env sts/web GREETING=hello; echo "exit $?"
kubectl set env sts/web GREETING=bye --overwrite=false; echo "exit $?"
kubectl set env sts/web MODE- -c nginx
kubectl set env sts/web -c nope X=1; echo "exit $?"
kubectl set env sts/web 1X=2; echo "exit $?"
kubectl set env X=1 sts/web; echo "exit $?"
kubectl set env sts/web -e A=1 --dry-run=client -o jsonpath='{.spec.template.spec.containers[0].env}{"\n"}'
kubectl get sts web -o jsonpath='{.spec.template.spec.containers[0].env}{"\n"}'
# each set subcommand has its own flags, as cobra gives them
kubectl set image sts/web nginx=x --list; echo "exit $?"
kubectl set image sts/web nginx=x -c nginx; echo "exit $?"
# A client dry run prints the object as the client changed it; --local
# changes the file's objects without asking the server (errors collected,
# the other objects still printed).
kubectl label sts web tier=fe --dry-run=client -o jsonpath='{.metadata.labels}{"\n"}'
kubectl annotate sts web note=hi --dry-run=client -o jsonpath='{.metadata.annotations.note}{"\n"}'
kubectl label --local -f web-parallel.yaml tier=fe -o jsonpath='{.metadata.labels}{"\n"}'
kubectl label --local -f web-parallel.yaml app=x -o name; echo "exit $?"
kubectl label --local -f web-parallel.yaml app- -o yaml | grep -n "labels"
kubectl label --local sts/web a=b; echo "exit $?"

# The console's workstation: port-forward, curl and its resolver, kubectl's generators,
# and an autoscaler on a kind-like cluster without metrics-server.
kubectl apply -f https://k8s.io/examples/application/web/web.yaml
kubectl port-forward web-0 8080:80
kubectl rollout status sts/web
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done
kubectl port-forward web-0 8080:80
curl localhost:8080
kubectl port-forward pod/web-1 8080:80
kubectl port-forward svc/nginx 8081:web
curl -s http://127.0.0.1:8081/
curl web-0.nginx
nslookup web-0.nginx
host localhost
curl localhost:9999
kubectl delete pod web-0
curl localhost:8080
kubectl create pdb web-pdb --selector=app=nginx --min-available=1
kubectl create pdb web-pdb --selector=app=nginx --min-available=1
kubectl create pdb other --selector='app!=nginx' --min-available=1
kubectl create sa robot --dry-run=client -o yaml
kubectl create cm x --image=nginx
kubectl autoscale sts web --min=3 --max=4 --cpu=50%
kubectl get hpa
sleep 15
kubectl get pods -l app=nginx
sleep 30
kubectl describe hpa web
kubectl get pdb

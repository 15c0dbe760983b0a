# Scheduling: priority and preemption, and the kubelet's admission of a Pod
# placed by nodeName.
kubectl create priorityclass high --value=1000 --description="databases first"
kubectl get priorityclass
kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: batch
spec:
  serviceName: batch
  replicas: 3
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: batch
  template:
    metadata:
      labels:
        app: batch
    spec:
      containers:
      - name: work
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]
        resources:
          requests:
            cpu: "3"
EOF
kubectl rollout status sts/batch --timeout=60s
kubectl get pods -o wide
# db asks for 2 CPUs at priority 1000: no worker has them, so it preempts a
# batch Pod and waits for it, nominated to its node.
kubectl run db --image=nginx:1.27.3 --overrides='{"spec":{"priorityClassName":"high","containers":[{"name":"db","image":"nginx:1.27.3","resources":{"requests":{"cpu":"2"}}}]}}'
sleep 2
kubectl get pods -o wide
kubectl describe pod db | grep -E "^(Priority|Node:|NominatedNodeName|Status)"
kubectl get events --field-selector reason=Preempted
kubectl get events --field-selector involvedObject.name=db
# The victim's 30 s grace period ends: db is bound there, and batch's new
# Pod waits (priority 0 finds no victim).
sleep 35
kubectl get pods -o wide
kubectl get pods -l app=batch -o jsonpath='{range .items[*]}{.metadata.name} {.spec.nodeName} {.status.conditions[?(@.type=="PodScheduled")].message}{"\n"}{end}'
# A Pod placed with nodeName skips the scheduler: the kubelet turns it away.
kubectl run pinned --image=nginx:1.27.3 --overrides='{"spec":{"nodeName":"ordinal-worker","containers":[{"name":"pinned","image":"nginx:1.27.3","resources":{"requests":{"cpu":"2"}}}]}}'
sleep 3
kubectl get pod pinned
kubectl describe pod pinned | grep -E "^(Status|Reason|Message)"
kubectl get events --field-selector involvedObject.name=pinned

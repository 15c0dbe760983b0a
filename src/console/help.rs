//! `help`: every command of the console, one line each, and the rules of
//! the game (simulated time, what is simulated).

use super::sh::Io;

const TOPICS: &[(&str, &str)] = &[
    ("kubectl apply -f FILE", "create or update objects from a manifest (also create, replace, diff)"),
    ("kubectl apply -f DIR [-R] | -k DIR", "every manifest of a folder (-R: and its subfolders), or a kustomization's build"),
    ("kubectl kustomize DIR", "print a kustomization's build (resources, generators, patches, labels, images …)"),
    ("kubectl get TYPE [NAME]", "list objects: pods, sts, svc, pvc, pv, endpointslices, events, nodes … (-o wide|yaml|json|name|jsonpath=…, -l, -w, -A)"),
    ("kubectl describe TYPE NAME", "details and events of an object"),
    ("kubectl delete TYPE NAME", "delete objects (--cascade=orphan|foreground, --grace-period, --force, --wait=false)"),
    ("kubectl scale sts NAME --replicas=N", "change the number of replicas"),
    ("kubectl set image sts/NAME C=IMAGE", "change an image (starts a rolling update)"),
    ("kubectl set env sts/NAME K=V | K- | --list", "change the environment (a new revision, rolled out too)"),
    ("kubectl patch TYPE NAME -p PATCH", "strategic, --type=merge or --type=json patches"),
    ("kubectl rollout status|history|undo|restart sts/NAME", "follow and steer rolling updates"),
    ("kubectl expose pod|svc NAME [--port=N] [--name=S]", "a new Service on a Pod's labels or a Service's selector (a StatefulSet cannot be exposed)"),
    ("kubectl create pdb|sa|cm|svc|deploy|ns NAME", "make an object from flags (also secret generic; create pdb NAME --selector=app=web --min-available=2 guards a drain)"),
    ("kubectl autoscale sts NAME --min=N --max=M", "a HorizontalPodAutoscaler on the set's scale subresource (kind has no metrics-server: it keeps the set within min..max)"),
    ("kubectl label|annotate TYPE NAME K=V", "change labels or annotations (--overwrite, K-)"),
    ("kubectl exec POD -- CMD", "run a command in a container (-it … -- sh for a shell)"),
    ("kubectl exec POD -- redis-cli | psql | mysql …", "a database's own client on its server's data (keys and tables outlive the Pod on its claim; -it opens redis-cli's, psql's or mysql's prompt)"),
    ("kubectl cp SRC POD:PATH | POD:PATH DEST", "copy files into or out of a container (through its tar)"),
    ("kubectl run NAME --image=IMG [-it --rm] [-- CMD]", "run a one-off Pod (busybox:1.28 has nslookup)"),
    ("kubectl logs POD", "a container's output"),
    ("kubectl port-forward POD|svc/NAME LOCAL:REMOTE", "a tunnel from this workstation to a Pod: then curl localhost:LOCAL (cluster names do not resolve here)"),
    ("curl URL | nslookup NAME | host NAME", "on this workstation: localhost and port-forwards answer, cluster names do not (CoreDNS answers Pods only)"),
    ("kubectl debug POD -it --image=IMG [--target=C]", "a debug container in a running Pod, on its network (also --copy-to=NAME, node/NAME)"),
    ("kubectl attach POD -c C -it", "back into a running container's shell"),
    ("kubectl wait --for=condition=Ready pod/NAME", "wait in simulated time (also --for=delete)"),
    ("kubectl cordon|uncordon|drain NODE", "take a node out of scheduling"),
    ("kubectl taint nodes NODE K=V:EFFECT", "taint a node (NoSchedule keeps Pods off, NoExecute evicts; K- removes)"),
    ("kubectl explain TYPE[.FIELD…] [--recursive]", "documentation of sts, svc and pvc fields (spec, status, metadata …)"),
    ("kubectl version | api-resources | cluster-info", "about the cluster"),
    ("kubectl COMMAND --help | kubectl help COMMAND", "kubectl's own help for a command: what it does, examples, every option"),
    ("kubectl auth can-i VERB TYPE | auth whoami", "what you may do, and who you are (kind's admin)"),
    ("ls [-lR] | mkdir -p | cp [-r] | mv | rm [-r] | touch", "this workstation's files (write them with cat > FILE <<EOF)"),
    ("cd DIR | pwd", "move between this workstation's folders (cd alone: home, /home/learner; cd -: back)"),
    ("sim advance DURATION", "[simulator] let simulated time pass (also: sleep 10)"),
    ("sim settle [--timeout D]", "[simulator] run until nothing is pending (default limit 10m)"),
    ("sim fail POD readiness|liveness|crash", "[simulator] make probes fail or processes crash"),
    ("sim heal POD", "[simulator] undo sim fail"),
    ("sim node down|up NODE", "[simulator] a node stops answering, or comes back"),
    ("sim image broken|ok IMAGE", "[simulator] make pulls of an image fail, or succeed again"),
    ("sim pod evict POD / sim pod phase POD Failed", "[simulator] what the kubelet does on eviction or exit"),
    ("sim seed N / sim status", "[simulator] restart the random stream / show time, seed, pending work"),
    ("sleep DURATION", "let simulated time pass"),
    ("alias NAME='COMMAND…' / unalias NAME", "a shorthand, used from the next line on (alias k=kubectl)"),
    ("sh -c '…' | bash FILE | type NAME", "this workstation's shells, and what a name runs"),
    ("watch [-n SECS] [-g] COMMAND", "run a command every 2 s of simulated time, showing each changed screen, until nothing is pending"),
    ("help", "this list"),
];

pub fn run(args: &[String], io: &mut Io) -> i32 {
    let topic = args.first().map(String::as_str);
    let mut s = String::new();
    if topic.is_none() {
        s.push_str("Ordinal's console: a simulated Kubernetes 1.35 cluster (kind-like, 3 workers).\nTime is simulated: commands that wait let it pass; `sim` commands exist only here.\nShell: pipes to grep/head/tail/wc/sort/awk, for loops, heredocs, $(…), && and ||, alias k=kubectl.\n\n");
    }
    let width = TOPICS.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    for (cmd, what) in TOPICS.iter().filter(|(c, _)| {
        topic.is_none_or(|t| c.split_whitespace().any(|w| w == t) || c.starts_with(t))
    }) {
        s.push_str(&format!("{cmd:<width$}  {what}\n"));
    }
    if s.is_empty() {
        io.err(&format!(
            "help: no help for {:?}\n",
            topic.unwrap_or_default()
        ));
        return 1;
    }
    io.out(&s);
    0
}

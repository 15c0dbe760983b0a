//! The stateful software people run as StatefulSets, in the shapes of the
//! popular charts: each script applies a manifest, waits, and types what a
//! person checks (`env`, `id`, a CLI's health command); the tail of the
//! transcript is compared exactly.

/// The transcript of `src` from the line `$ {from}` on.
fn tail_from(src: &str, from: &str) -> String {
    let mut c = ordinal::console::Console::new(1);
    let t = c
        .run_script(src, false)
        .expect("the script parses")
        .to_string();
    let marker = format!("$ {from}\n");
    match t.find(&marker) {
        Some(i) => t[i..].to_string(),
        None => panic!("no `{from}` in:\n{t}"),
    }
}

const ENV_FROM_SCRIPT: &str = r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata: {name: pg-config}
data:
  POSTGRES_DB: appdb
  PGDATA: /var/lib/postgresql/data/pgdata
---
apiVersion: v1
kind: Secret
metadata: {name: pg-secret}
stringData:
  POSTGRES_PASSWORD: s3cret
  POSTGRES_USER: app
---
apiVersion: v1
kind: Pod
metadata: {name: pg}
spec:
  enableServiceLinks: false
  containers:
  - name: postgres
    image: postgres:16.4
    envFrom:
    - configMapRef: {name: pg-config}
    - secretRef: {name: pg-secret}
      prefix: DB_
    - secretRef: {name: pg-secret}
    env:
    - name: POSTGRES_DB
      value: override
    - name: DATA
      value: $(PGDATA)/base
YAML
kubectl wait --for=condition=Ready pod/pg --timeout=60s
kubectl get pod pg
kubectl exec pg -- env
kubectl exec pg -- printenv POSTGRES_PASSWORD
"#;

/// `envFrom` fills the environment (ConfigMap keys, Secret keys behind a
/// prefix) before `env`, which wins and may refer to them; the entrypoint
/// finds its password there instead of exiting.
#[test]
fn env_from_config_maps_and_secrets_reaches_the_container() {
    let t = tail_from(ENV_FROM_SCRIPT, "kubectl get pod pg");
    assert_eq!(
        t,
        "$ kubectl get pod pg
NAME   READY   STATUS    RESTARTS   AGE
pg     1/1     Running   0          15s
$ kubectl exec pg -- env
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HOSTNAME=pg
PGDATA=/var/lib/postgresql/data/pgdata
POSTGRES_DB=override
DB_POSTGRES_PASSWORD=s3cret
DB_POSTGRES_USER=app
POSTGRES_PASSWORD=s3cret
POSTGRES_USER=app
DATA=/var/lib/postgresql/data/pgdata/base
HOME=/root
$ kubectl exec pg -- printenv POSTGRES_PASSWORD
s3cret
"
    );
}

const SECURITY_CONTEXT_SCRIPT: &str = r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: pg}
spec:
  serviceName: pg
  replicas: 1
  selector: {matchLabels: {app: pg}}
  template:
    metadata: {labels: {app: pg}}
    spec:
      securityContext:
        fsGroup: 2000
        supplementalGroups: [4000]
      initContainers:
      - name: init
        image: busybox:1.36
        securityContext: {runAsUser: 1000, runAsGroup: 3000}
        command: ["sh", "-c", "id; whoami || true"]
      containers:
      - name: postgres
        image: postgres:16.4
        securityContext: {runAsUser: 999}
        env: [{name: POSTGRES_PASSWORD, value: pw}]
      - name: es
        image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
YAML
kubectl wait --for=condition=Ready pod/pg-0 --timeout=120s
kubectl logs pg-0 -c init
kubectl exec pg-0 -c postgres -- id
kubectl exec pg-0 -c postgres -- whoami
kubectl exec pg-0 -c postgres -- id -un
kubectl exec pg-0 -c postgres -- id -G
kubectl exec pg-0 -c es -- id
kubectl exec pg-0 -c postgres -- id nobody2
"#;

/// `id` and `whoami` follow the securityContext as the runtime applies it:
/// runAsUser / runAsGroup, the image's own user (Elasticsearch's 1000:0),
/// fsGroup and supplementalGroups, busybox's sorted list and GNU's
/// primary-group-first one, bare numbers for ids without names.
#[test]
fn id_follows_the_security_context_and_the_images_user() {
    let t = tail_from(SECURITY_CONTEXT_SCRIPT, "kubectl logs pg-0 -c init");
    assert_eq!(
        t,
        "$ kubectl logs pg-0 -c init
uid=1000 gid=3000 groups=2000,3000,4000
whoami: unknown uid 1000
$ kubectl exec pg-0 -c postgres -- id
uid=999(postgres) gid=999(postgres) groups=999(postgres),2000,4000
$ kubectl exec pg-0 -c postgres -- whoami
postgres
$ kubectl exec pg-0 -c postgres -- id -un
postgres
$ kubectl exec pg-0 -c postgres -- id -G
999 2000 4000
$ kubectl exec pg-0 -c es -- id
uid=1000(elasticsearch) gid=0(root) groups=0(root),2000,4000
$ kubectl exec pg-0 -c postgres -- id nobody2
id: 'nobody2': no such user
command terminated with exit code 1
"
    );
}

const REDIS_SCRIPT: &str = r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata: {name: redis-config}
data:
  redis.conf: |
    port 6379
    dir /data
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: redis}
spec:
  serviceName: redis
  replicas: 1
  selector: {matchLabels: {app: redis}}
  template:
    metadata: {labels: {app: redis}}
    spec:
      initContainers:
      - name: config
        image: redis:7.2-alpine
        command: ["sh", "-c", "cp /tmp/redis/redis.conf /etc/redis/redis.conf && echo \"replica-announce-ip $(hostname).redis\" >> /etc/redis/redis.conf"]
        volumeMounts:
        - {name: conf, mountPath: /etc/redis}
        - {name: src, mountPath: /tmp/redis}
      containers:
      - name: redis
        image: redis:7.2-alpine
        command: ["redis-server", "/etc/redis/redis.conf"]
        readinessProbe:
          exec: {command: ["redis-cli", "ping"]}
        volumeMounts:
        - {name: conf, mountPath: /etc/redis}
      volumes:
      - {name: conf, emptyDir: {}}
      - {name: src, configMap: {name: redis-config}}
YAML
kubectl wait --for=condition=Ready pod/redis-0 --timeout=60s
kubectl exec redis-0 -- cat /etc/redis/redis.conf
kubectl exec redis-0 -- redis-cli ping
"#;

/// The Alpine variants of the Redis image (`redis:7.2-alpine`, what most
/// manifests pin) pull, so the ConfigMap-copying init container runs.
#[test]
fn redis_alpine_tags_pull_and_the_config_is_copied() {
    let t = tail_from(
        REDIS_SCRIPT,
        "kubectl exec redis-0 -- cat /etc/redis/redis.conf",
    );
    assert_eq!(
        t,
        "$ kubectl exec redis-0 -- cat /etc/redis/redis.conf
Defaulted container \"redis\" out of: redis, config (init)
port 6379
dir /data
replica-announce-ip redis-0.redis
$ kubectl exec redis-0 -- redis-cli ping
Defaulted container \"redis\" out of: redis, config (init)
PONG
"
    );
}

const PEERS_SCRIPT: &str = r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: minio}
spec:
  serviceName: minio
  replicas: 2
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: minio}}
  template:
    metadata: {labels: {app: minio}}
    spec:
      containers:
      - name: minio
        image: quay.io/minio/minio:RELEASE.2024-08-17T01-24-54Z
        args: ["server", "http://minio-{0...1}.minio.default.svc.cluster.local/data"]
        readinessProbe:
          tcpSocket: {port: 9000}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: etcd}
spec:
  serviceName: etcd
  replicas: 1
  selector: {matchLabels: {app: etcd}}
  template:
    metadata: {labels: {app: etcd}}
    spec:
      containers:
      - name: etcd
        image: quay.io/coreos/etcd:v3.5.15
        command: ["/bin/sh", "-c", "exec etcd --name $(hostname) --initial-advertise-peer-urls http://$(hostname).etcd:2380"]
YAML
kubectl run rmq --image=rabbitmq:3.13-management
kubectl run kafka --image=bitnamilegacy/kafka:3.7
kubectl run consul --image=hashicorp/consul:1.19 -- agent -server -bootstrap-expect=1
kubectl run bpg --image=bitnamilegacy/postgresql:16.4.0-debian-12-r0
sleep 60
kubectl get pods
kubectl logs bpg --tail=1
"#;

/// MinIO, etcd, RabbitMQ, Kafka, Consul and Bitnami's PostgreSQL are in the
/// image catalogue: their servers come up (a script that `exec`s the
/// server serves), and Bitnami's entrypoint insists on its password.
#[test]
fn peer_and_broker_images_come_up() {
    let t = tail_from(PEERS_SCRIPT, "kubectl get pods");
    assert_eq!(
        t,
        "$ kubectl get pods
NAME      READY   STATUS             RESTARTS      AGE
bpg       0/1     CrashLoopBackOff   3 (14s ago)   60s
consul    1/1     Running            0             60s
etcd-0    1/1     Running            0             60s
kafka     1/1     Running            0             60s
minio-0   1/1     Running            0             60s
minio-1   1/1     Running            0             60s
rmq       1/1     Running            0             60s
$ kubectl logs bpg --tail=1
postgresql 09:00:00.00 ERROR ==> The POSTGRESQL_PASSWORD environment variable is empty or not set. Set the environment variable ALLOW_EMPTY_PASSWORD=yes to allow the container to be started with blank passwords. This is recommended only for development.
"
    );
}

/// A database image's own client that is not modelled is found, as in the
/// real image, and says it is not simulated (exit 1), rather than "not
/// found"; a program no image of that kind has stays not found.
#[test]
fn unsimulated_database_clients_say_so() {
    let t = crate::support::console::transcript(
        "kubectl run pg --image=postgres:16 --env=POSTGRES_PASSWORD=x
kubectl wait --for=condition=Ready pod/pg --timeout=2m
kubectl exec pg -- pg_dump -U postgres; echo $?
kubectl exec pg -- which pg_dump
kubectl exec pg -- mongosh; echo $?
",
    );
    let tail = t
        .split_once("condition met\n")
        .map(|(_, r)| r)
        .unwrap_or(&t);
    assert!(
        tail.starts_with(
            "$ kubectl exec pg -- pg_dump -U postgres; echo $?
pg_dump: this program of the image is not simulated in Ordinal (its server is: ports, probes and logs)
command terminated with exit code 1
1
$ kubectl exec pg -- which pg_dump
/usr/bin/pg_dump
$ kubectl exec pg -- mongosh; echo $?
error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec"
        ),
        "{t}"
    );
    assert!(
        tail.contains("exec: \"mongosh\": executable file not found in $PATH: unknown\n"),
        "{t}"
    );
}

/// A Secret or ConfigMap the environment needs and that is missing (or
/// lacks the key) stops the container before it is created:
/// `CreateContainerConfigError` and `Error: secret "…" not found` until
/// the object appears, then the kubelet's next try (10–15 s later) starts
/// it with the image already present. `optional: true` sources may be
/// missing.
#[test]
fn missing_config_sources_hold_the_container_until_they_exist() {
    let t = crate::support::console::transcript(
        r#"kubectl create configmap cfg --from-literal=a=1
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: db}
spec:
  containers:
  - name: postgres
    image: postgres:16
    envFrom:
    - configMapRef: {name: cfg}
    - secretRef: {name: maybe, optional: true}
    env:
    - name: POSTGRES_PASSWORD
      valueFrom: {secretKeyRef: {name: db-secret, key: password}}
    - name: MODE
      valueFrom: {configMapKeyRef: {name: cfg, key: mode, optional: true}}
YAML
sleep 30
kubectl get pod db --no-headers -o custom-columns=STATUS:.status.containerStatuses[0].state.waiting.reason
kubectl get events --field-selector involvedObject.name=db,reason=Failed -o custom-columns=MSG:.message --no-headers
kubectl create secret generic db-secret --from-literal=other=x
sleep 16
kubectl get pod db -o jsonpath='{.status.containerStatuses[0].state.waiting.message}{"\n"}'
kubectl create secret generic db-secret --from-literal=password=s3cret --dry-run=client -o yaml | kubectl replace -f -
sleep 16
kubectl get pod db --no-headers -o custom-columns=READY:.status.containerStatuses[0].ready
"#,
    );
    let expect = [
        "CreateContainerConfigError\n",
        "Error: secret \"db-secret\" not found\n",
        "couldn't find key password in Secret default/db-secret\n",
        "secret/db-secret replaced\n",
    ];
    for e in expect {
        assert!(t.contains(e), "{e:?} missing in:\n{t}");
    }
    assert!(t.ends_with("\ntrue\n"), "{t}");
}

/// A configMap or secret volume whose object is missing (or lacks a key
/// listed under `items`) keeps the Pod ContainerCreating, without an IP:
/// each mount attempt is a `FailedMount` event (`MountVolume.SetUp failed
/// for volume "cfg" : configmap "web-config" not found`), retried with the
/// volume manager's doubling back-off, until the object appears; then the
/// files are in the container. Optional sources may be missing, and a
/// projected volume reports each missing source.
#[test]
fn missing_volume_sources_hold_the_pod_in_container_creating() {
    let t = crate::support::console::transcript(
        r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: nginx
    image: registry.k8s.io/nginx-slim:0.21
    volumeMounts:
    - {name: cfg, mountPath: /etc/cfg}
    - {name: tls, mountPath: /etc/tls}
    - {name: extra, mountPath: /etc/extra}
  volumes:
  - name: cfg
    configMap: {name: web-config}
  - name: tls
    secret: {secretName: web-tls, items: [{key: tls.crt, path: tls.crt}]}
  - name: extra
    configMap: {name: nothing, optional: true}
YAML
sleep 40
kubectl get pod web --no-headers -o custom-columns=STATUS:.status.containerStatuses[0].state.waiting.reason,IP:.status.podIP
kubectl describe pod web | grep FailedMount
kubectl create configmap web-config --from-literal=site.conf=listen
kubectl create secret generic web-tls --from-literal=tls.key=k
# The next attempt comes after a 32 s back-off.
sleep 30
kubectl get events --field-selector involvedObject.name=web,reason=FailedMount -o custom-columns=MSG:.message --no-headers | sort
kubectl create secret generic web-tls --from-literal=tls.crt=c --dry-run=client -o yaml | kubectl replace -f -
kubectl wait --for=condition=Ready pod/web --timeout=3m
kubectl exec web -- cat /etc/cfg/site.conf /etc/tls/tls.crt
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: proj}
spec:
  containers:
  - name: nginx
    image: registry.k8s.io/nginx-slim:0.21
    volumeMounts:
    - {name: all, mountPath: /etc/all}
  volumes:
  - name: all
    projected:
      sources:
      - configMap: {name: a}
      - secret: {name: b}
YAML
sleep 3
kubectl get events --field-selector involvedObject.name=proj,reason=FailedMount -o custom-columns=MSG:.message --no-headers
"#,
    );
    let expect = [
        "$ sleep 40
$ kubectl get pod web --no-headers -o custom-columns=STATUS:.status.containerStatuses[0].state.waiting.reason,IP:.status.podIP
ContainerCreating   <none>
",
        // Seven attempts in 40 s: 0.5, 1, 2, 4, 8, 16 s apart.
        "Warning  FailedMount  8s (x7 over 40s)  kubelet            MountVolume.SetUp failed for volume \"cfg\" : configmap \"web-config\" not found\n",
        "MountVolume.SetUp failed for volume \"tls\" : secret \"web-tls\" not found\n",
        "MountVolume.SetUp failed for volume \"tls\" : references non-existent secret key: tls.crt\n",
        "pod/web condition met\n",
        "listenc",
        "MountVolume.SetUp failed for volume \"all\" : [configmap \"a\" not found, secret \"b\" not found]\n",
    ];
    for e in expect {
        assert!(t.contains(e), "{e:?} missing in:\n{t}");
    }
    assert!(!t.contains("volume \"extra\""), "{t}");
}

/// The postgres entrypoint initializes an empty `$PGDATA` in the claim's
/// volume; the Pod that comes back to the same claim finds the cluster and
/// skips initialization — the claim's persistence, as `kubectl logs` says it.
#[test]
fn postgres_initializes_its_claim_once() {
    let t = crate::support::console::transcript(
        r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: pg}
spec:
  serviceName: pg
  replicas: 1
  selector: {matchLabels: {app: pg}}
  template:
    metadata: {labels: {app: pg}}
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
        env:
        - {name: POSTGRES_PASSWORD, value: x}
        - {name: PGDATA, value: /var/lib/postgresql/data/pgdata}
        volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
YAML
kubectl wait --for=condition=Ready pod/pg-0 --timeout=2m
kubectl logs pg-0
kubectl exec pg-0 -- cat /var/lib/postgresql/data/pgdata/PG_VERSION
kubectl delete pod pg-0
kubectl wait --for=condition=Ready pod/pg-0 --timeout=2m
kubectl logs pg-0
"#,
    );
    let after = t
        .split_once("condition met\n")
        .map(|(_, r)| r)
        .unwrap_or(&t);
    assert!(
        after.starts_with(
            "$ kubectl logs pg-0
PostgreSQL init process complete; ready for start up.
LOG:  database system is ready to accept connections
$ kubectl exec pg-0 -- cat /var/lib/postgresql/data/pgdata/PG_VERSION
16
"
        ),
        "{t}"
    );
    assert!(
        t.ends_with(
            "$ kubectl logs pg-0
PostgreSQL Database directory appears to contain a database; Skipping initialization
LOG:  database system is ready to accept connections
"
        ),
        "{t}"
    );
}

/// `kubectl run … --image=nginx:alpine -- curl …`: the arguments replace
/// the image's CMD and its entrypoint `exec`s them, so curl runs (and the
/// entrypoint's configuration lines, printed only before nginx, do not);
/// `-- nginx -g 'daemon off;'` still starts the server.
#[test]
fn a_server_image_given_another_program_runs_that_program() {
    let t = tail_from(
        r#"kubectl apply -f https://k8s.io/examples/application/web/web.yaml
sleep 20
kubectl exec web-0 -- sh -c 'echo $(hostname) > /usr/share/nginx/html/index.html'
kubectl run c --image=nginx:alpine -i --rm --restart=Never -- curl -s web-0.nginx
kubectl run s --image=nginx:1.27 -- nginx -g 'daemon off;'
kubectl run e --image=nginx:1.27 --restart=Never -- echo hello
sleep 10
kubectl get pod s e --no-headers
kubectl logs e
"#,
        "kubectl run c --image=nginx:alpine -i --rm --restart=Never -- curl -s web-0.nginx",
    );
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines[3], "web-0", "{t}");
    assert!(!t.contains("docker-entrypoint"), "{t}");
    assert!(!t.contains("timed out"), "{t}");
    let row = |name: &str| {
        t.lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} row in:\n{t}"))
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(row("s")[2], "Running", "{t}");
    assert_eq!(row("e")[2], "Completed", "{t}");
    assert!(t.ends_with("$ kubectl logs e\nhello\n"), "{t}");
}

/// Bitnami's catalogue since September 2025 (bitnami/containers#83267):
/// `docker.io/bitnami/*` keeps `latest` only, so a manifest pinned to a
/// version there fails to pull as "not found" (R11.3's ErrImagePull, then
/// ImagePullBackOff), while the same tag from `docker.io/bitnamilegacy`
/// runs.
#[test]
fn bitnami_versioned_tags_pull_only_from_bitnamilegacy() {
    let t = tail_from(
        "kubectl run old --image=bitnami/postgresql:16.4.0 --env=POSTGRESQL_PASSWORD=x
kubectl run legacy --image=bitnamilegacy/postgresql:16.4.0 --env=POSTGRESQL_PASSWORD=x
kubectl run latest --image=bitnami/postgresql --env=POSTGRESQL_PASSWORD=x
sleep 40
kubectl get pods
kubectl get events --field-selector involvedObject.name=old,reason=Failed -o custom-columns=MSG:.message
",
        "kubectl get pods",
    );
    assert_eq!(
        t,
        "$ kubectl get pods
NAME     READY   STATUS             RESTARTS   AGE
latest   1/1     Running            0          40s
legacy   1/1     Running            0          40s
old      0/1     ImagePullBackOff   0          40s
$ kubectl get events --field-selector involvedObject.name=old,reason=Failed -o custom-columns=MSG:.message
MSG
Failed to pull image \"bitnami/postgresql:16.4.0\": failed to pull and unpack image \"docker.io/bitnami/postgresql:16.4.0\": failed to resolve reference \"docker.io/bitnami/postgresql:16.4.0\": docker.io/bitnami/postgresql:16.4.0: not found
Error: ErrImagePull
Error: ImagePullBackOff
"
    );
}

const VALKEY_SCRIPT: &str = r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata: {name: valkey}
spec: {clusterIP: None, selector: {app: valkey}, ports: [{port: 6379, name: valkey}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: valkey}
spec:
  serviceName: valkey
  replicas: 2
  selector: {matchLabels: {app: valkey}}
  template:
    metadata: {labels: {app: valkey}}
    spec:
      containers:
      - name: valkey
        image: valkey/valkey:8.1
        ports: [{containerPort: 6379, name: valkey}]
        readinessProbe:
          exec: {command: ["valkey-cli", "ping"]}
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
YAML
kubectl rollout status sts/valkey --timeout=2m
kubectl get pods
kubectl exec valkey-0 -- valkey-cli -h valkey-1.valkey ping
kubectl exec valkey-0 -- redis-cli -h valkey-9.valkey ping
kubectl exec valkey-0 -- valkey-cli
kubectl exec valkey-0 -- id valkey
kubectl exec valkey-0 -- valkey-benchmark
kubectl logs valkey-0
"#;

/// Valkey (the fork of Redis 7.2) is in the catalogue as Redis's kin: its
/// server answers `valkey-cli ping` (and `redis-cli`, a link to it in the
/// image) and a readiness probe running it, its client names the server
/// Valkey, and the image's user is `valkey`.
#[test]
fn valkey_serves_as_redis_does_under_its_own_names() {
    let t = tail_from(VALKEY_SCRIPT, "kubectl get pods");
    assert_eq!(
        t,
        "$ kubectl get pods
NAME       READY   STATUS    RESTARTS   AGE
valkey-0   1/1     Running   0          26s
valkey-1   1/1     Running   0          14s
$ kubectl exec valkey-0 -- valkey-cli -h valkey-1.valkey ping
PONG
$ kubectl exec valkey-0 -- redis-cli -h valkey-9.valkey ping
Could not connect to Valkey at valkey-9.valkey:6379: Name or service not known
command terminated with exit code 1
$ kubectl exec valkey-0 -- valkey-cli
$ kubectl exec valkey-0 -- id valkey
uid=999(valkey) gid=999(valkey) groups=999(valkey)
$ kubectl exec valkey-0 -- valkey-benchmark
valkey-benchmark: this program of the image is not simulated in Ordinal (its server is: ports, probes and logs)
command terminated with exit code 1
$ kubectl logs valkey-0
* Ready to accept connections tcp
"
    );
}

/// The official database images' entrypoints step down from root to the
/// image's own account before starting the server (`gosu`, `su-exec`), so
/// `ps` lists PID 1 under that user and the server's own title, while
/// `kubectl exec` still runs as the image's USER (root). Alpine variants
/// have their own uids (redis 999 in group 1000, postgres 70); Bitnami's
/// run as 1001, which has no name.
#[test]
fn database_servers_run_as_their_image_account() {
    let t = tail_from(
        r#"kubectl run r1 --image=redis:7.4-alpine
kubectl run p1 --image=postgres:17-alpine --env=POSTGRES_PASSWORD=x
kubectl run b1 --image=bitnamilegacy/redis:7.4 --env=ALLOW_EMPTY_PASSWORD=yes
kubectl run n1 --image=nginx:1.27-alpine
sleep 20
kubectl exec r1 -- ps
kubectl exec r1 -- id redis
kubectl exec p1 -- ps aux
kubectl exec n1 -- ps
kubectl exec b1 -- id
"#,
        "kubectl exec r1 -- ps",
    );
    assert_eq!(
        t,
        "$ kubectl exec r1 -- ps
PID   USER     TIME  COMMAND
    1 redis     0:00 redis-server *:6379
   40 root      0:00 ps
$ kubectl exec r1 -- id redis
uid=999(redis) gid=1000(redis) groups=1000(redis)
$ kubectl exec p1 -- ps aux
PID   USER     TIME  COMMAND
    1 postgres  0:00 postgres
   40 root      0:00 ps aux
$ kubectl exec n1 -- ps
PID   USER     TIME  COMMAND
    1 root      0:00 nginx: master process nginx -g daemon off;
   29 nginx     0:00 nginx: worker process
   30 nginx     0:00 nginx: worker process
   40 root      0:00 ps
$ kubectl exec b1 -- id
uid=1001 gid=0(root) groups=0(root)
"
    );
}

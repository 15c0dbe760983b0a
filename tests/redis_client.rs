//! `redis-cli` against a Redis StatefulSet: what people show with one.
//! A key written on `redis-0` lives in the server's `dir` on the Pod's
//! PersistentVolume, so it is there again when the Pod is deleted and comes
//! back (R6.1, the claim reused); without a volume the Pod's replacement
//! starts empty. A replica (`--replicaof`, on the command line or in a
//! config file from a ConfigMap) shows its primary's keys and refuses
//! writes. Replies are printed as redis-cli prints them on a terminal
//! (`-it`) and through a pipe.

use crate::support::console::transcript;

/// The lines of the transcript from `$ {from}` on.
fn tail_from(t: &str, from: &str) -> String {
    let marker = format!("$ {from}\n");
    match t.find(&marker) {
        Some(i) => t[i..].to_string(),
        None => panic!("no `{from}` in:\n{t}"),
    }
}

fn redis_set(name: &str, args: &str, volume: bool) -> String {
    let mounts = if volume {
        "        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
"
    } else {
        ""
    };
    format!(
        "kubectl create service clusterip {name} --clusterip=None --tcp=6379:6379
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {name}
spec:
  serviceName: {name}
  replicas: 2
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
      - name: redis
        image: redis:7.2
        args: [{args}]
        ports:
        - containerPort: 6379
{mounts}YAML
sim settle
sleep 1
"
    )
}

/// A key survives the Pod's deletion when `/data` is the Pod's volume, in
/// the file the server keeps there (appendonly here); replies on a
/// terminal are quoted and typed, through a pipe they are bare.
#[test]
fn r6_1_a_key_outlives_its_pod_on_the_claim() {
    let src = redis_set("redis", "\"--appendonly\", \"yes\"", true)
        + "kubectl exec redis-0 -- redis-cli set greeting hello
kubectl exec -it redis-0 -- redis-cli get greeting
kubectl exec -it redis-0 -- redis-cli -h redis-1.redis get greeting
kubectl exec redis-0 -- redis-cli get nothing
kubectl exec -it redis-0 -- redis-cli get nothing
kubectl exec -it redis-0 -- redis-cli incr visits
kubectl exec redis-0 -- ls /data/appendonlydir
kubectl delete pod redis-0
kubectl wait --for=condition=Ready pod/redis-0
sleep 1
kubectl exec -it redis-0 -- redis-cli get greeting
kubectl exec -it redis-0 -- redis-cli keys '*'
";
    let t = transcript(&src);
    assert_eq!(
        tail_from(&t, "kubectl exec redis-0 -- redis-cli set greeting hello"),
        "$ kubectl exec redis-0 -- redis-cli set greeting hello
OK
$ kubectl exec -it redis-0 -- redis-cli get greeting
\"hello\"
$ kubectl exec -it redis-0 -- redis-cli -h redis-1.redis get greeting
(nil)
$ kubectl exec redis-0 -- redis-cli get nothing

$ kubectl exec -it redis-0 -- redis-cli get nothing
(nil)
$ kubectl exec -it redis-0 -- redis-cli incr visits
(integer) 1
$ kubectl exec redis-0 -- ls /data/appendonlydir
appendonly.aof.1.incr.aof
$ kubectl delete pod redis-0
pod \"redis-0\" deleted from default namespace
$ kubectl wait --for=condition=Ready pod/redis-0
pod/redis-0 condition met
$ sleep 1
$ kubectl exec -it redis-0 -- redis-cli get greeting
\"hello\"
$ kubectl exec -it redis-0 -- redis-cli keys '*'
1) \"greeting\"
2) \"visits\"
"
    );
}

/// Without a volume the data sits in the container's own layer: the Pod
/// that replaces a deleted one starts with nothing.
#[test]
fn without_a_volume_the_replacement_starts_empty() {
    let src = redis_set("cache", "", false)
        + "kubectl exec cache-0 -- redis-cli set k v
kubectl exec cache-0 -- redis-cli get k
kubectl delete pod cache-0
kubectl wait --for=condition=Ready pod/cache-0
sleep 1
kubectl exec -it cache-0 -- redis-cli get k
kubectl exec -it cache-0 -- redis-cli dbsize
";
    let t = transcript(&src);
    assert_eq!(
        tail_from(&t, "kubectl exec cache-0 -- redis-cli set k v"),
        "$ kubectl exec cache-0 -- redis-cli set k v
OK
$ kubectl exec cache-0 -- redis-cli get k
v
$ kubectl delete pod cache-0
pod \"cache-0\" deleted from default namespace
$ kubectl wait --for=condition=Ready pod/cache-0
pod/cache-0 condition met
$ sleep 1
$ kubectl exec -it cache-0 -- redis-cli get k
(nil)
$ kubectl exec -it cache-0 -- redis-cli dbsize
(integer) 0
"
    );
}

/// A replica named by `--replicaof` or by `replicaof` in its config file
/// reads its primary's keys, refuses writes with Redis's READONLY error,
/// and both sides report the link in `INFO replication` and `ROLE`.
#[test]
fn a_replica_shows_its_primarys_keys_and_refuses_writes() {
    let src = redis_set("redis", "", true)
        + "kubectl exec redis-0 -- redis-cli set greeting hello
kubectl run replica --image=redis:7.2 -- --replicaof redis-0.redis 6379
kubectl create configmap rconf --from-literal=redis.conf='replicaof redis-1.redis 6379'
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: r2
spec:
  containers:
  - name: redis
    image: redis:7.2-alpine
    command: [redis-server, /etc/redis/redis.conf]
    volumeMounts:
    - name: conf
      mountPath: /etc/redis
  volumes:
  - name: conf
    configMap:
      name: rconf
YAML
sim settle
sleep 1
kubectl exec -it replica -- redis-cli get greeting
kubectl exec -it replica -- redis-cli set greeting bye
kubectl exec replica -- redis-cli set greeting bye
kubectl exec -it replica -- redis-cli info replication
kubectl exec -it r2 -- redis-cli role
kubectl exec -it redis-0 -- redis-cli role
";
    let t = transcript(&src);
    let got = tail_from(&t, "kubectl exec -it replica -- redis-cli get greeting");
    // The replica's address is the seeded Pod IP: read it from the
    // cluster rather than writing it here.
    let replica_ip =
        transcript(&(src.clone() + "kubectl get pod replica -o jsonpath='{.status.podIP}'\n"))
            .lines()
            .last()
            .unwrap_or_default()
            .to_string();
    assert!(replica_ip.starts_with("10.244."), "{replica_ip}");
    assert_eq!(
        got,
        format!(
            "$ kubectl exec -it replica -- redis-cli get greeting
\"hello\"
$ kubectl exec -it replica -- redis-cli set greeting bye
(error) READONLY You can't write against a read only replica.
$ kubectl exec replica -- redis-cli set greeting bye
READONLY You can't write against a read only replica.

$ kubectl exec -it replica -- redis-cli info replication
# Replication
role:slave
master_host:redis-0.redis
master_port:6379
master_link_status:up
slave_read_only:1
connected_slaves:0
$ kubectl exec -it r2 -- redis-cli role
1) \"slave\"
2) \"redis-1.redis\"
3) (integer) 6379
4) \"connected\"
5) (integer) 0
$ kubectl exec -it redis-0 -- redis-cli role
1) \"master\"
2) (integer) 0
3) 1) 1) \"{replica_ip}\"
      2) \"6379\"
      3) \"0\"
"
        )
    );
}

/// Commands piped in run one per line; the server's errors are Redis's
/// texts; a real command outside the model says so on stderr and fails;
/// lists, hashes and `SELECT`/`-n` databases keep apart.
#[test]
fn piped_commands_errors_and_the_other_types() {
    let src = redis_set("redis", "", true)
        + "kubectl exec -i redis-0 -- redis-cli <<'EOF'
rpush queue a b c
lrange queue 0 -1
hset user:1 name \"Ada Lovelace\" born 1815
hgetall user:1
get queue
incr user:1
foo bar
set
EOF
kubectl exec -it redis-0 -- redis-cli -n 2 set other db
kubectl exec -it redis-0 -- redis-cli info keyspace
kubectl exec -it redis-0 -- redis-cli expire queue 10
kubectl exec -it redis-0 -- redis-cli -h nowhere ping
";
    let t = transcript(&src);
    assert_eq!(
        tail_from(
            &t,
            "kubectl exec -it redis-0 -- redis-cli -n 2 set other db"
        ),
        "$ kubectl exec -it redis-0 -- redis-cli -n 2 set other db
OK
$ kubectl exec -it redis-0 -- redis-cli info keyspace
# Keyspace
db0:keys=2,expires=0,avg_ttl=0
db2:keys=1,expires=0,avg_ttl=0
$ kubectl exec -it redis-0 -- redis-cli expire queue 10
redis-cli: EXPIRE: not simulated in Ordinal (strings, lists, hashes, keys, INFO and ROLE are)
command terminated with exit code 1
$ kubectl exec -it redis-0 -- redis-cli -h nowhere ping
Could not connect to Redis at nowhere:6379: Name or service not known
command terminated with exit code 1
"
    );
    let piped = t
        .split("> EOF\n")
        .nth(1)
        .and_then(|r| r.split("$ ").next())
        .unwrap_or_else(|| panic!("{t}"));
    assert_eq!(
        piped,
        "3
a
b
c
2
name
Ada Lovelace
born
1815
WRONGTYPE Operation against a key holding the wrong kind of value

WRONGTYPE Operation against a key holding the wrong kind of value

ERR unknown command 'foo', with args beginning with: 'bar' 

ERR wrong number of arguments for 'set' command

"
    );
}

/// The gallery's Redis picks its role in a script (`exec redis-server …
/// --replicaof redis-0.redis-headless 6379` unless the ordinal is 0): the
/// server's real command line decides, as `/proc/1/cmdline` records it, so
/// `redis-1` reads `redis-0`'s keys and `redis-2` refuses writes, again
/// after it is deleted and comes back.
#[test]
fn the_gallery_redis_replicates_from_its_script() {
    let src = crate::support::console::gallery_applied("redis")
        + "kubectl exec redis-0 -- redis-cli set k v
kubectl exec redis-1 -- redis-cli get k
kubectl exec redis-2 -- redis-cli set k w
kubectl exec redis-0 -- redis-cli info replication | grep connected_slaves
kubectl delete pod redis-2
kubectl wait --for=condition=Ready pod/redis-2
kubectl exec redis-2 -- redis-cli get k
kubectl exec redis-2 -- redis-cli set k w
";
    let t = transcript(&src);
    assert_eq!(
        tail_from(&t, "kubectl exec redis-0 -- redis-cli set k v"),
        "$ kubectl exec redis-0 -- redis-cli set k v
OK
$ kubectl exec redis-1 -- redis-cli get k
v
$ kubectl exec redis-2 -- redis-cli set k w
READONLY You can't write against a read only replica.

$ kubectl exec redis-0 -- redis-cli info replication | grep connected_slaves
connected_slaves:2
$ kubectl delete pod redis-2
pod \"redis-2\" deleted from default namespace
$ kubectl wait --for=condition=Ready pod/redis-2
pod/redis-2 condition met
$ kubectl exec redis-2 -- redis-cli get k
v
$ kubectl exec redis-2 -- redis-cli set k w
READONLY You can't write against a read only replica.

"
    );
}

/// On the page's console (a terminal) `kubectl exec -it redis-0 --
/// redis-cli` opens redis-cli's prompt: each line is a command answered as
/// on a terminal, `SELECT` moves the prompt to its database, `exit` ends
/// the session.
#[test]
fn exec_it_redis_cli_opens_its_prompt() {
    let mut c = ordinal::console::Console::new(1);
    c.set_interactive(true);
    let t = c.run(&(redis_set("redis", "", true) + "kubectl exec -it redis-0 -- redis-cli"));
    assert_eq!(t.status, 0, "{t}");
    assert_eq!(c.prompt(), "127.0.0.1:6379> ");
    assert_eq!(c.run("set greeting hello").entries[0].output_text(), "OK\n");
    assert_eq!(
        c.run("get greeting").entries[0].output_text(),
        "\"hello\"\n"
    );
    assert_eq!(c.run("select 2").entries[0].output_text(), "OK\n");
    assert_eq!(c.prompt(), "127.0.0.1:6379[2]> ");
    assert_eq!(c.run("get greeting").entries[0].output_text(), "(nil)\n");
    c.run("exit");
    assert!(c.attached().is_none());
    assert_eq!(c.prompt(), "$ ");
}

/// A replica's reads come from its primary as the server resolved it when
/// it started: `redis-cli get` on `redis-1` makes no DNS query of its own
/// (the page's DNS view shows only lookups that commands make), while
/// `redis-cli -h redis-0.redis-headless` does.
#[test]
fn a_replicas_read_makes_no_dns_query_of_its_own() {
    let mut c = ordinal::console::Console::new(1);
    let t = c.run(crate::support::console::gallery_applied("redis").trim_end());
    assert_eq!(t.status, 0, "{t}");
    c.run("kubectl exec redis-0 -- redis-cli set k v");
    c.take_dns_traces();
    let t = c.run("kubectl exec redis-1 -- redis-cli get k");
    assert_eq!(t.entries[0].output_text(), "v\n");
    assert!(c.take_dns_traces().is_empty());
    let t = c.run("kubectl exec redis-1 -- redis-cli -h redis-0.redis-headless get k");
    assert_eq!(t.entries[0].output_text(), "v\n");
    assert!(!c.take_dns_traces().is_empty());
}

/// A server with a password (`--requirepass`, or Bitnami's
/// `REDIS_PASSWORD`) answers NOAUTH until the client authenticates; `-a`
/// on the command line draws redis-cli's warning unless
/// `--no-auth-warning`; a wrong password is refused on stderr and the
/// command meets NOAUTH; REDISCLI_AUTH works without the warning.
#[test]
fn a_password_is_required_once_set() {
    let src = redis_set("redis", "\"--requirepass\", \"s3cret\"", false)
        + "kubectl run bitnami --image=bitnami/redis:latest --env=REDIS_PASSWORD=b1t
sim settle
kubectl exec -it redis-0 -- redis-cli get k
kubectl exec -it redis-0 -- redis-cli -a s3cret set k v
kubectl exec -it redis-0 -- redis-cli -a wrong get k
kubectl exec -it redis-0 -- redis-cli --no-auth-warning -a s3cret get k
kubectl exec -it redis-0 -- env REDISCLI_AUTH=s3cret redis-cli get k
kubectl exec -it bitnami -- redis-cli ping
kubectl exec -it bitnami -- redis-cli --no-auth-warning -a b1t ping
";
    let t = transcript(&src);
    let warn = "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n";
    assert_eq!(
        tail_from(&t, "kubectl exec -it redis-0 -- redis-cli get k"),
        format!(
            "$ kubectl exec -it redis-0 -- redis-cli get k
(error) NOAUTH Authentication required.
$ kubectl exec -it redis-0 -- redis-cli -a s3cret set k v
{warn}OK
$ kubectl exec -it redis-0 -- redis-cli -a wrong get k
{warn}AUTH failed: WRONGPASS invalid username-password pair or user is disabled.
(error) NOAUTH Authentication required.
$ kubectl exec -it redis-0 -- redis-cli --no-auth-warning -a s3cret get k
\"v\"
$ kubectl exec -it redis-0 -- env REDISCLI_AUTH=s3cret redis-cli get k
\"v\"
$ kubectl exec -it bitnami -- redis-cli ping
(error) NOAUTH Authentication required.
$ kubectl exec -it bitnami -- redis-cli --no-auth-warning -a b1t ping
PONG
"
        )
    );
}

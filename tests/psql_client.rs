//! `psql` against a PostgreSQL StatefulSet: what people show with one. A
//! table created on `pg-0` lives in `$PGDATA` on the Pod's claim, so its
//! rows are there again when the Pod is deleted and comes back (R6.1);
//! connecting follows the image's rules (the socket and the loopback
//! trust, other Pods need the password; the roles and databases initdb
//! made from the environment), with libpq's error texts; results print in
//! psql's aligned format and errors carry psql's `LINE 1:` pointer.

use crate::support::console::transcript;

fn tail_from(t: &str, from: &str) -> String {
    let marker = format!("$ {from}\n");
    match t.find(&marker) {
        Some(i) => t[i..].to_string(),
        None => panic!("no `{from}` in:\n{t}"),
    }
}

const PG: &str = r#"kubectl create service clusterip pg --clusterip=None --tcp=5432:5432
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: pg
spec:
  serviceName: pg
  replicas: 1
  selector:
    matchLabels:
      app: pg
  template:
    metadata:
      labels:
        app: pg
    spec:
      containers:
      - name: postgres
        image: postgres:16
        env:
        - name: POSTGRES_PASSWORD
          value: s3cret
        - name: POSTGRES_DB
          value: shop
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
YAML
sim settle
sleep 10
"#;

/// Rows written through psql are read back after the Pod is deleted and
/// recreated on the same claim (R6.1); `serial` numbers the rows.
#[test]
fn r6_1_rows_outlive_their_pod_on_the_claim() {
    let src = PG.to_string()
        + r#"kubectl exec pg-0 -- psql -U postgres -d shop -c 'create table notes (id serial primary key, body text not null)'
kubectl exec pg-0 -- psql -U postgres -d shop -c "insert into notes (body) values ('hello'), ('it''s me')"
kubectl delete pod pg-0
kubectl wait --for=condition=Ready pod/pg-0
sleep 10
kubectl exec pg-0 -- psql -U postgres -d shop -c 'select * from notes'
kubectl exec pg-0 -- psql -U postgres -d shop -Atc 'select count(*) from notes'
kubectl exec pg-0 -- psql -U postgres -d shop -c '\dt'
"#;
    let t = transcript(&src);
    assert_eq!(
        tail_from(&t, "kubectl exec pg-0 -- psql -U postgres -d shop -c 'create table notes (id serial primary key, body text not null)'"),
        r#"$ kubectl exec pg-0 -- psql -U postgres -d shop -c 'create table notes (id serial primary key, body text not null)'
CREATE TABLE
$ kubectl exec pg-0 -- psql -U postgres -d shop -c "insert into notes (body) values ('hello'), ('it''s me')"
INSERT 0 2
$ kubectl delete pod pg-0
pod "pg-0" deleted from default namespace
$ kubectl wait --for=condition=Ready pod/pg-0
pod/pg-0 condition met
$ sleep 10
$ kubectl exec pg-0 -- psql -U postgres -d shop -c 'select * from notes'
 id |  body   
----+---------
  1 | hello
  2 | it's me
(2 rows)

$ kubectl exec pg-0 -- psql -U postgres -d shop -Atc 'select count(*) from notes'
2
$ kubectl exec pg-0 -- psql -U postgres -d shop -c '\dt'
         List of relations
 Schema | Name  | Type  |  Owner   
--------+-------+-------+----------
 public | notes | table | postgres
(1 row)

"#
    );
}

/// Connecting as the image allows it: `kubectl exec` runs as root, which
/// is no role; another Pod needs the password (PGPASSWORD or a URI); the
/// database must exist; a name must resolve.
#[test]
fn connections_follow_the_images_authentication() {
    let src = PG.to_string()
        + r#"kubectl run client --image=postgres:16 --restart=Never --env=POSTGRES_PASSWORD=x -- sleep 3600
sim settle
kubectl exec pg-0 -- psql -c 'select 1'
kubectl exec pg-0 -- psql -U postgres -d nope -c 'select 1'
kubectl exec client -- psql -h pg-0.pg -U postgres -c 'select 1'
kubectl exec client -- sh -c 'PGPASSWORD=wrong psql -h pg-0.pg -U postgres -c "select 1"'
kubectl exec client -- sh -c 'PGPASSWORD=s3cret psql -h pg-0.pg -U postgres -tc "select 1"'
kubectl exec client -- psql postgresql://postgres:s3cret@pg-0.pg/shop -c 'select current_database(), current_user'
kubectl exec client -- psql -h nowhere -U postgres
"#;
    let t = transcript(&src);
    let ip = t
        .split("\"pg-0.pg\" (")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .unwrap_or_else(|| panic!("{t}"))
        .to_string();
    assert!(ip.starts_with("10.244."), "{ip}");
    assert_eq!(
        tail_from(&t, "kubectl exec pg-0 -- psql -c 'select 1'"),
        format!(
            r#"$ kubectl exec pg-0 -- psql -c 'select 1'
psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  role "root" does not exist
command terminated with exit code 2
$ kubectl exec pg-0 -- psql -U postgres -d nope -c 'select 1'
psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "nope" does not exist
command terminated with exit code 2
$ kubectl exec client -- psql -h pg-0.pg -U postgres -c 'select 1'
psql: error: connection to server at "pg-0.pg" ({ip}), port 5432 failed: fe_sendauth: no password supplied
command terminated with exit code 2
$ kubectl exec client -- sh -c 'PGPASSWORD=wrong psql -h pg-0.pg -U postgres -c "select 1"'
psql: error: connection to server at "pg-0.pg" ({ip}), port 5432 failed: FATAL:  password authentication failed for user "postgres"
command terminated with exit code 2
$ kubectl exec client -- sh -c 'PGPASSWORD=s3cret psql -h pg-0.pg -U postgres -tc "select 1"'
        1

$ kubectl exec client -- psql postgresql://postgres:s3cret@pg-0.pg/shop -c 'select current_database(), current_user'
 current_database | current_user 
------------------+--------------
 shop             | postgres
(1 row)

$ kubectl exec client -- psql -h nowhere -U postgres
psql: error: could not translate host name "nowhere" to address: Name or service not known
command terminated with exit code 2
"#
        )
    );
}

/// Statements on standard input run in turn; a failing one prints the
/// server's error with psql's pointer, changes nothing, and the rest go
/// on; the command ends 1 as psql does.
#[test]
fn errors_point_at_their_word_and_change_nothing() {
    let src = PG.to_string()
        + r#"kubectl exec -i pg-0 -- psql -U postgres <<'SQL'
create table t (id int, name varchar(20));
insert into t values (1, 'a'), (2, 'b');
insert into t values ('x', 'c');
select * from missing;
selct 1;
update t set name = 'z' where id = 2;
delete from t where id = 1;
select id, name from t order by id desc;
SQL
echo $?
"#;
    let t = transcript(&src);
    assert_eq!(tail_from(&t, "echo $?"), "$ echo $?\n1\n", "{t}");
    let out = t
        .split("> SQL\n")
        .nth(1)
        .and_then(|r| r.split("$ echo").next())
        .unwrap_or_else(|| panic!("{t}"));
    assert_eq!(
        out,
        r#"CREATE TABLE
INSERT 0 2
ERROR:  invalid input syntax for type integer: "x"
LINE 1: insert into t values ('x', 'c')
                              ^
ERROR:  relation "missing" does not exist
LINE 1: select * from missing
                      ^
ERROR:  syntax error at or near "selct"
LINE 1: selct 1
        ^
UPDATE 1
DELETE 1
 id | name 
----+------
  2 | z
(1 row)

command terminated with exit code 1
"#
    );
}

/// The gallery's PostgreSQL as its description says: a table created on
/// `postgres-0` (in `$PGDATA`, a subdirectory of the claim here) survives
/// the Pod's deletion, `postgres-1` is a server of its own without it, and
/// a client reaches `postgres-0` through the Service `postgres` with the
/// password the Secret gives the server.
#[test]
fn the_gallery_postgres_keeps_one_server_per_pod() {
    let src = crate::support::console::gallery_applied("postgres")
        + r#"kubectl exec postgres-0 -- psql -U postgres -c 'create table t (n int)'
kubectl exec postgres-0 -- psql -U postgres -c 'insert into t values (42)'
kubectl exec postgres-0 -- ls /var/lib/postgresql/data/pgdata/base
kubectl delete pod postgres-0
kubectl wait --for=condition=Ready pod/postgres-0 --timeout=2m
kubectl exec postgres-0 -- psql -U postgres -Atc 'select n from t'
kubectl exec postgres-1 -- psql -U postgres -Atc 'select n from t'
kubectl run client --image=postgres:17 --restart=Never --env=POSTGRES_PASSWORD=x -- sleep 3600
kubectl wait --for=condition=Ready pod/client --timeout=2m
kubectl exec client -- psql postgresql://postgres:change-me@postgres/postgres -Atc 'select n from t'
"#;
    let t = transcript(&src);
    let tail = tail_from(
        &t,
        "kubectl exec postgres-0 -- psql -U postgres -Atc 'select n from t'",
    );
    assert_eq!(
        tail,
        r#"$ kubectl exec postgres-0 -- psql -U postgres -Atc 'select n from t'
42
$ kubectl exec postgres-1 -- psql -U postgres -Atc 'select n from t'
ERROR:  relation "t" does not exist
LINE 1: select n from t
                      ^
command terminated with exit code 1
$ kubectl run client --image=postgres:17 --restart=Never --env=POSTGRES_PASSWORD=x -- sleep 3600
pod/client created
$ kubectl wait --for=condition=Ready pod/client --timeout=2m
pod/client condition met
$ kubectl exec client -- psql postgresql://postgres:change-me@postgres/postgres -Atc 'select n from t'
42
"#
    );
    assert!(
        t.contains("$ kubectl exec postgres-0 -- ls /var/lib/postgresql/data/pgdata/base\n1\nordinal.tsv\n"),
        "{t}"
    );
}

/// On the page's console `kubectl exec -it pg-0 -- psql -U postgres` opens
/// psql's prompt: a statement runs when a line ends it with `;` (until
/// then the prompt says `-#`), `\c` changes the database, `\q` ends.
#[test]
fn exec_it_psql_opens_its_prompt() {
    let mut c = ordinal::console::Console::new(1);
    c.set_interactive(true);
    let t = c.run(&(PG.to_string() + "kubectl exec -it pg-0 -- psql"));
    // Root is no role: psql ends before any prompt.
    assert!(
        t.to_string().ends_with(
            "$ kubectl exec -it pg-0 -- psql\npsql: error: connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  role \"root\" does not exist\ncommand terminated with exit code 2\n"
        ),
        "{t}"
    );
    assert!(c.attached().is_none());
    let t = c.run("kubectl exec -it pg-0 -- psql -U postgres");
    assert_eq!(t.status, 0, "{t}");
    assert_eq!(
        t.entries[0].output_text(),
        "psql (16.0 (Debian 16.0-1.pgdg120+1))\nType \"help\" for help.\n\n"
    );
    assert_eq!(c.prompt(), "postgres=# ");
    assert_eq!(c.run("create table t").entries[0].output_text(), "");
    assert_eq!(c.prompt(), "postgres-# ");
    assert_eq!(c.run("(n int);").entries[0].output_text(), "CREATE TABLE\n");
    assert_eq!(c.prompt(), "postgres=# ");
    assert_eq!(
        c.run("select count(*) from t;").entries[0].output_text(),
        " count \n-------\n     0\n(1 row)\n\n"
    );
    assert_eq!(
        c.run("\\c shop").entries[0].output_text(),
        "You are now connected to database \"shop\" as user \"postgres\".\n"
    );
    assert_eq!(c.prompt(), "shop=# ");
    c.run("\\q");
    assert!(c.attached().is_none());
}

/// `\l` lists the databases as psql 16 does (its columns, the templates'
/// access privileges over two lines), with the one `POSTGRES_DB` made at
/// initdb and one created since.
#[test]
fn backslash_l_lists_the_databases() {
    let t = transcript(
        &(PG.to_string()
            + "kubectl exec pg-0 -- psql -U postgres -c 'create database app'
kubectl exec pg-0 -- psql -U postgres -c '\\l'
"),
    );
    assert_eq!(
        tail_from(&t, "kubectl exec pg-0 -- psql -U postgres -c '\\l'"),
        "$ kubectl exec pg-0 -- psql -U postgres -c '\\l'
                                                      List of databases
   Name    |  Owner   | Encoding | Locale Provider |  Collate   |   Ctype    | ICU Locale | ICU Rules |   Access privileges   
-----------+----------+----------+-----------------+------------+------------+------------+-----------+-----------------------
 app       | postgres | UTF8     | libc            | en_US.utf8 | en_US.utf8 |            |           | 
 postgres  | postgres | UTF8     | libc            | en_US.utf8 | en_US.utf8 |            |           | 
 shop      | postgres | UTF8     | libc            | en_US.utf8 | en_US.utf8 |            |           | 
 template0 | postgres | UTF8     | libc            | en_US.utf8 | en_US.utf8 |            |           | =c/postgres          +
           |          |          |                 |            |            |            |           | postgres=CTc/postgres
 template1 | postgres | UTF8     | libc            | en_US.utf8 | en_US.utf8 |            |           | =c/postgres          +
           |          |          |                 |            |            |            |           | postgres=CTc/postgres
(5 rows)

"
    );
}

/// libpq resolves the host once, then connects to that address: a psql
/// from another Pod makes one DNS lookup (the page animates each).
#[test]
fn a_connection_resolves_its_host_once() {
    let mut c = ordinal::console::Console::new(1);
    let t = c.run(PG.trim_end());
    assert_eq!(t.status, 0, "{t}");
    c.run("kubectl run client --image=postgres:16 --restart=Never --env=POSTGRES_PASSWORD=x -- sleep 3600");
    c.run("kubectl wait --for=condition=Ready pod/client");
    c.take_dns_traces();
    let t = c.run("kubectl exec client -- psql -h pg-0.pg -U postgres -c 'select 1'");
    assert!(t.to_string().contains("fe_sendauth"), "{t}");
    assert_eq!(c.take_dns_traces().len(), 1);
}

//! The upstream "Run a Replicated Stateful Application" (MySQL) tutorial,
//! with its three manifests unmodified (tests/fixtures/manifests/mysql-*):
//! the init containers' `bash -c` scripts really run (`[[ … =~ … ]]`,
//! `BASH_REMATCH`, `$((…))`), mysql-1 and mysql-2 clone their data from the
//! previous Pod's xtrabackup sidecar over `ncat`, and the Pods come up one
//! after the other (OrderedReady, R4.1), each 2/2 Running, as the
//! tutorial's `kubectl get pods -l app=mysql --watch` shows.

use std::collections::BTreeMap;

use crate::support;

use ordinal::console::Console;
use support::console::with_fixtures as console;

fn run(c: &mut Console, src: &str) -> String {
    match c.run_script(src, false) {
        Ok(t) => t.to_string(),
        Err(e) => panic!("script does not parse: line {}: {}", e.line, e.message),
    }
}

/// A console with the tutorial's three manifests applied and five
/// minutes gone by (the three servers up).
fn tutorial() -> Console {
    let mut c = console();
    run(
        &mut c,
        "kubectl apply -f mysql-configmap.yaml\nkubectl apply -f mysql-services.yaml\nkubectl apply -f mysql-statefulset.yaml\nsim advance 5m",
    );
    c
}

/// Runs `cmd` and checks that its transcript contains `needle`.
fn says(c: &mut Console, cmd: &str, needle: &str) {
    let out = run(c, cmd);
    assert!(out.contains(needle), "{cmd}:\n{out}");
}

/// `kubectl get pods` rows: name → (READY, STATUS).
fn pods(c: &mut Console) -> BTreeMap<String, (String, String)> {
    run(c, "kubectl get pods -l app=mysql --no-headers")
        .lines()
        .filter(|l| l.starts_with("mysql-"))
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w[0].to_string(), (w[1].to_string(), w[2].to_string()))
        })
        .collect()
}

#[test]
fn r4_1_mysql_tutorial_pods_become_ready_in_order() {
    let mut c = console();
    let applied = run(
        &mut c,
        "kubectl apply -f mysql-configmap.yaml\nkubectl apply -f mysql-services.yaml\nkubectl apply -f mysql-statefulset.yaml",
    );
    assert!(
        applied.contains("statefulset.apps/mysql created"),
        "{applied}"
    );
    // Watch every 0.5 s of simulated time: each Pod's statuses in order, and
    // when each first became 2/2 Running.
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut ready_at: BTreeMap<String, usize> = BTreeMap::new();
    for tick in 0..2000 {
        for (name, (ready, status)) in pods(&mut c) {
            let list = seen.entry(name.clone()).or_default();
            if list.last() != Some(&status) {
                list.push(status.clone());
            }
            if ready == "2/2" && status == "Running" {
                ready_at.entry(name).or_insert(tick);
            }
        }
        if ready_at.len() == 3 {
            break;
        }
        run(&mut c, "sim advance 500ms");
    }
    assert_eq!(
        ready_at.keys().collect::<Vec<_>>(),
        ["mysql-0", "mysql-1", "mysql-2"],
        "statuses seen: {seen:?}"
    );
    assert!(ready_at["mysql-0"] < ready_at["mysql-1"]);
    assert!(ready_at["mysql-1"] < ready_at["mysql-2"]);
    // No container ever failed on the way.
    for (name, statuses) in &seen {
        assert!(
            statuses
                .iter()
                .all(|s| !s.contains("Error") && !s.contains("CrashLoop")),
            "{name}: {statuses:?}"
        );
    }
    // The replicas went through both init containers (the clone takes a
    // few seconds) before their app containers started.
    for name in ["mysql-1", "mysql-2"] {
        let s = &seen[name];
        let pos = |x: &str| s.iter().position(|y| y == x);
        let (a, b, p) = (pos("Init:0/2"), pos("Init:1/2"), pos("PodInitializing"));
        assert!(a.is_some() && b.is_some() && p.is_some(), "{name}: {s:?}");
        assert!(a < b && b < p, "{name}: {s:?}");
    }
    // What the init and clone scripts did, as their logs show it.
    let log = run(&mut c, "kubectl logs mysql-0 -c init-mysql");
    assert!(log.contains("+ [[ mysql-0 =~ -([0-9]+)$ ]]"), "{log}");
    assert!(
        log.contains("cp /mnt/config-map/primary.cnf /mnt/conf.d/"),
        "{log}"
    );
    let log = run(&mut c, "kubectl logs mysql-2 -c init-mysql");
    assert!(log.contains("echo server-id=102"), "{log}");
    assert!(
        log.contains("cp /mnt/config-map/secondary.cnf /mnt/conf.d/"),
        "{log}"
    );
    let log = run(&mut c, "kubectl logs mysql-1 -c clone-mysql");
    assert!(
        log.contains("+ ncat --recv-only mysql-0.mysql 3307"),
        "{log}"
    );
    assert!(log.contains("completed OK!"), "{log}");
    let log = run(&mut c, "kubectl logs mysql-0 -c clone-mysql");
    assert!(!log.contains("ncat"), "mysql-0 skips the clone: {log}");
    // What the scripts wrote stays: the server id for mysqld, and the
    // replicas' clone and replication setup in their data directories.
    says(
        &mut c,
        "kubectl exec mysql-2 -c mysql -- cat /etc/mysql/conf.d/server-id.cnf",
        "[mysqld]\nserver-id=102\n",
    );
    let out = run(
        &mut c,
        "kubectl exec mysql-1 -c mysql -- ls /etc/mysql/conf.d",
    );
    assert!(
        out.contains("secondary.cnf") && !out.contains("primary.cnf"),
        "{out}"
    );
    // mysql-1 cloned the primary (its binlog position), waited for its own
    // mysqld, started replication, then serves backups itself.
    let log = run(&mut c, "kubectl logs mysql-1 -c xtrabackup");
    assert!(
        log.contains("+ [[ mysql-0-bin.000001\t154 =~ ^(.*?)[[:space:]]+(.*?)$ ]]"),
        "{log}"
    );
    assert!(
        log.contains("ERROR 2003 (HY000): Can't connect to MySQL server on '127.0.0.1' (111)"),
        "{log}"
    );
    assert!(
        log.contains("Initializing replication from clone position"),
        "{log}"
    );
    assert!(log.contains("+ exec ncat --listen"), "{log}");
    // mysql-2 cloned the secondary mysql-1: its backup carries the
    // replication position (xtrabackup_slave_info), not a binlog of its own.
    let log = run(&mut c, "kubectl logs mysql-2 -c xtrabackup");
    assert!(log.contains("+ cat xtrabackup_slave_info"), "{log}");
    let out = run(
        &mut c,
        "kubectl exec mysql-2 -c xtrabackup -- cat /var/lib/mysql/change_master_to.sql.orig",
    );
    assert!(
        out.contains("CHANGE MASTER TO MASTER_LOG_FILE='mysql-0-bin.000001', MASTER_LOG_POS=154\n"),
        "{out}"
    );
    // The probes' commands answer once mysqld runs.
    let out = run(&mut c, "kubectl exec mysql-1 -c mysql -- mysqladmin ping");
    assert!(out.contains("mysqld is alive"), "{out}");
    says(
        &mut c,
        "kubectl exec mysql-2 -c mysql -- mysql -h 127.0.0.1 -e 'SELECT 1'",
        "\n1\n1\n",
    );
}

#[test]
fn mysql_client_statements_and_tool_failures() {
    let mut c = tutorial();
    // No server on the other end: the clients' own errors, non-zero status.
    let out = run(
        &mut c,
        "kubectl exec mysql-0 -c mysql -- mysql -h nosuch -e 'SELECT 1'",
    );
    assert!(
        out.contains("ERROR 2005 (HY000): Unknown MySQL server host 'nosuch'"),
        "{out}"
    );
    assert!(out.contains("exit code 1"), "{out}");
    says(
        &mut c,
        "kubectl exec mysql-0 -c xtrabackup -- ncat --recv-only mysql-9.mysql 3307",
        "Could not resolve hostname",
    );
    // Statements the model does not run fail instead of pretending.
    says(
        &mut c,
        "kubectl exec mysql-0 -c mysql -- mysql -e 'DROP DATABASE x'",
        "ERROR 1105",
    );
    // A stream that is not one: xbstream refuses it.
    says(
        &mut c,
        "kubectl exec mysql-0 -c xtrabackup -- bash -c 'echo junk | xbstream -x -C /tmp'",
        "wrong chunk magic",
    );
    // The xtrabackup image has no mysqladmin; the mysql image no ncat.
    let out = run(
        &mut c,
        "kubectl exec mysql-0 -c xtrabackup -- bash -c 'mysqladmin ping'",
    );
    assert!(
        out.contains("bash: line 1: mysqladmin: command not found"),
        "{out}"
    );
    says(
        &mut c,
        "kubectl exec mysql-0 -c mysql -- ncat mysql-0.mysql 3307",
        "executable file not found",
    );
    // The tutorial's client Pods: the mysql image runs the client, not its
    // server (so its entrypoint asks for no password variable). Writes go
    // to the primary; a read through mysql-read reaches any replica, which
    // shows the primary's data; a replica refuses writes.
    // The write as the tutorial types it: the SQL on the client's attached
    // standard input (a heredoc), which `kubectl run -i` hands to the
    // process it starts.
    let out = run(
        &mut c,
        "kubectl run mysql-client --image=mysql:5.7 -i --rm --restart=Never --\\\n  mysql -h mysql-0.mysql <<EOF\nCREATE DATABASE test;\nCREATE TABLE test.messages (message VARCHAR(250));\nINSERT INTO test.messages VALUES ('hello');\nEOF",
    );
    assert!(
        !out.contains("ERROR") && !out.contains("MYSQL_ROOT_PASSWORD"),
        "{out}"
    );
    says(&mut c, "kubectl run mysql-client --image=mysql:5.7 -i --rm --restart=Never -- mysql -h mysql-read -e 'SELECT * FROM test.messages'", "\nmessage\nhello\n");
    // With a terminal (-t), as the tutorial runs it, the client draws a table.
    let out = run(
        &mut c,
        "kubectl run mysql-client --image=mysql:5.7 -i -t --rm --restart=Never -- mysql -h mysql-read -e 'SELECT * FROM test.messages'",
    );
    assert!(
        out.contains("+---------+\n| message |\n+---------+\n| hello   |\n+---------+\n"),
        "{out}"
    );
    says(
        &mut c,
        "kubectl exec mysql-2 -c mysql -- mysql -e \"INSERT INTO test.messages VALUES ('x')\"",
        "ERROR 1290 (HY000)",
    );
    says(
        &mut c,
        "kubectl exec mysql-1 -c mysql -- mysql -e 'SELECT @@server_id'",
        "@@server_id\n101\n",
    );
    says(
        &mut c,
        "kubectl exec mysql-0 -c mysql -- mysql -e 'CREATE DATABASE test'",
        "ERROR 1007 (HY000)",
    );
    // busybox sh in the same cluster does not take bash's [[.
    let out = run(
        &mut c,
        "kubectl run bb --image=busybox:1.28 --restart=Never -- sh -c '[[ a == a ]]'\nsim advance 30s\nkubectl logs bb\nkubectl get pod bb --no-headers",
    );
    assert!(out.contains("sh: [[: not found"), "{out}");
    assert!(out.contains("Error"), "{out}");
}

/// The tutorial's "Sending client traffic" loop: `SELECT @@server_id,NOW()`
/// through mysql-read, once a second, answered by the servers in turn (the
/// Service spreads connections), each row with the server's clock; on a
/// terminal the client draws the table with the numeric column
/// right-aligned, as mysql does.
#[test]
fn r7_3_the_load_balancing_loop_reports_server_ids_and_the_time() {
    let mut c = tutorial();
    let out = run(
        &mut c,
        "kubectl run mysql-client-loop --image=mysql:5.7 -i -t --rm --restart=Never --\\\n  bash -ic \"for i in 1 2 3 4 5 6; do mysql -h mysql-read -e 'SELECT @@server_id,NOW()'; sleep 1; done\"",
    );
    assert!(!out.contains("ERROR"), "{out}");
    let header = "+-------------+---------------------+\n| @@server_id | NOW()               |\n+-------------+---------------------+\n";
    assert_eq!(out.matches(header).count(), 6, "{out}");
    let rows: Vec<(String, String)> = out
        .lines()
        .filter(|l| l.starts_with("|  ") && l.contains(" | 20"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (cells[0].to_string(), cells[1].to_string())
        })
        .collect();
    assert_eq!(rows.len(), 6, "{out}");
    // Right-aligned ids of the three servers, more than one answering.
    assert!(out.contains("|         10"), "{out}");
    let ids: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert!(
        ids.len() > 1 && ids.iter().all(|i| ["100", "101", "102"].contains(i)),
        "{ids:?}"
    );
    // NOW() is the simulated time, `YYYY-MM-DD hh:mm:ss`, moving with the loop.
    assert!(
        rows.iter().all(|r| r.1.len() == 19 && &r.1[10..11] == " "),
        "{rows:?}"
    );
    assert!(rows.windows(2).all(|w| w[0].1 < w[1].1), "{rows:?}");
    // In `kubectl exec`, whose clock moves with the command's waits, NOW()
    // is the time `date` shows next to it, not that time plus the waits.
    let out = run(
        &mut c,
        "kubectl exec mysql-1 -c mysql -- bash -c \"sleep 5; date -u '+%F %T'; mysql -e 'SELECT NOW()'\"",
    );
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("20")).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0], lines[1], "{out}");
    // In batch mode: tab-separated, a string literal named by its text.
    says(
        &mut c,
        "kubectl exec mysql-1 -c mysql -- mysql -e \"SELECT @@server_id, 'hi', 7\"",
        "@@server_id\thi\t7\n101\thi\t7\n",
    );
    // Anything else in a select list is still refused.
    says(
        &mut c,
        "kubectl exec mysql-1 -c mysql -- mysql -e 'SELECT @@server_id, RAND()'",
        "ERROR 1105",
    );
}

/// The tutorial's "Break the Readiness probe" step: with the `mysql`
/// program moved away, the exec readiness probe (`mysql -h 127.0.0.1 -e
/// 'SELECT 1'`) cannot start, mysql-2 goes 1/2 and leaves the mysql-read
/// Service's endpoints; moving it back brings it back (R11.3, R7.3).
#[test]
fn r11_3_moving_the_mysql_program_away_breaks_the_readiness_probe() {
    let mut c = tutorial();
    assert_eq!(pods(&mut c)["mysql-2"].0, "2/2");
    let out = run(
        &mut c,
        "kubectl exec mysql-2 -c mysql -- mv /usr/bin/mysql /usr/bin/mysql.off",
    );
    assert!(!out.contains("cannot stat"), "{out}");
    // periodSeconds 2, failureThreshold 3: unready within about 6 seconds.
    run(&mut c, "sim advance 8s");
    assert_eq!(pods(&mut c)["mysql-2"].0, "1/2");
    let out = run(&mut c, "kubectl describe pod mysql-2");
    assert!(
        out.contains("Readiness probe failed: OCI runtime exec failed: exec failed: unable to start container process: exec: \"mysql\": executable file not found in $PATH: unknown"),
        "{out}"
    );
    says(&mut c, "kubectl get endpointslices -l kubernetes.io/service-name=mysql-read -o jsonpath='{range .items[*].endpoints[*]}{.targetRef.name}={.conditions.ready} {end}'", "mysql-2=false");
    run(
        &mut c,
        "kubectl exec mysql-2 -c mysql -- mv /usr/bin/mysql.off /usr/bin/mysql",
    );
    run(&mut c, "sim advance 4s");
    assert_eq!(pods(&mut c)["mysql-2"].0, "2/2");
}

/// The gallery's MySQL as its description says: the image starts no
/// replication, so `mysql-1` has none of `mysql-0`'s tables until MySQL
/// 8.4's `CHANGE REPLICATION SOURCE TO … ; START REPLICA` points it at the
/// primary's stable name. Its root password comes from the Secret: without
/// it the server refuses the login, with it on the command line the client
/// warns.
#[test]
fn the_gallery_mysql_replicates_once_pointed_at_its_source() {
    let t = support::console::transcript(
        &(crate::support::console::gallery_applied("mysql") + "kubectl exec mysql-0 -- mysql -e 'CREATE DATABASE test'
kubectl exec mysql-0 -- mysqladmin ping; echo $?
kubectl exec mysql-0 -- mysql -uroot -pwrong -e 'CREATE DATABASE test'
export MYSQL_PWD=change-me
kubectl exec mysql-0 -- env MYSQL_PWD=change-me mysql -e 'CREATE DATABASE test'
kubectl exec mysql-0 -- mysql -uroot -pchange-me -e 'CREATE TABLE test.messages (message VARCHAR(250))'
kubectl exec mysql-0 -- mysql -uroot -pchange-me -e \"INSERT INTO test.messages VALUES ('hello')\"
kubectl exec mysql-1 -- mysql -uroot -pchange-me -e 'SELECT * FROM test.messages'
kubectl exec mysql-1 -- mysql -uroot -pchange-me -e \"CHANGE REPLICATION SOURCE TO SOURCE_HOST='mysql-0.mysql', SOURCE_USER='root', SOURCE_AUTO_POSITION=1; START REPLICA\"
kubectl exec mysql-1 -- mysql -uroot -pchange-me -e 'SELECT * FROM test.messages'
"),
    );
    let tail = t
        .split_once("$ kubectl exec mysql-0 -- mysql -e 'CREATE DATABASE test'\n")
        .map(|(_, r)| r)
        .unwrap_or_else(|| panic!("{t}"));
    let warn = "mysql: [Warning] Using a password on the command line interface can be insecure.\n";
    assert_eq!(
        tail,
        format!("ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)
command terminated with exit code 1
$ kubectl exec mysql-0 -- mysqladmin ping; echo $?
mysqladmin: connect to server at 'localhost' failed
error: 'Access denied for user 'root'@'localhost' (using password: NO)'
0
$ kubectl exec mysql-0 -- mysql -uroot -pwrong -e 'CREATE DATABASE test'
{warn}ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)
command terminated with exit code 1
$ export MYSQL_PWD=change-me
$ kubectl exec mysql-0 -- env MYSQL_PWD=change-me mysql -e 'CREATE DATABASE test'
$ kubectl exec mysql-0 -- mysql -uroot -pchange-me -e 'CREATE TABLE test.messages (message VARCHAR(250))'
{warn}$ kubectl exec mysql-0 -- mysql -uroot -pchange-me -e \"INSERT INTO test.messages VALUES ('hello')\"
{warn}$ kubectl exec mysql-1 -- mysql -uroot -pchange-me -e 'SELECT * FROM test.messages'
{warn}ERROR 1146 (42S02) at line 1: Table 'test.messages' doesn't exist
command terminated with exit code 1
$ kubectl exec mysql-1 -- mysql -uroot -pchange-me -e \"CHANGE REPLICATION SOURCE TO SOURCE_HOST='mysql-0.mysql', SOURCE_USER='root', SOURCE_AUTO_POSITION=1; START REPLICA\"
{warn}$ kubectl exec mysql-1 -- mysql -uroot -pchange-me -e 'SELECT * FROM test.messages'
{warn}message
hello
")
    );
}

/// On the page's console `kubectl exec -it mysql-0 -- mysql -uroot -p`
/// asks for the password, greets as the MySQL monitor, answers statements
/// ended by `;` as the monitor does (`Query OK`, a table and `rows in
/// set`, `Empty set`, errors without `at line 1`) and says `Bye`; a wrong
/// password ends it with the server's refusal.
#[test]
fn the_mysql_monitor_on_the_console() {
    let mut c = ordinal::console::Console::new(1);
    c.set_interactive(true);
    let t = c.run(crate::support::console::gallery_applied("mysql").trim_end());
    assert_eq!(t.status, 0, "{t}");
    c.run("kubectl exec -it mysql-0 -- mysql -uroot -p");
    assert_eq!(c.prompt(), "Enter password: ");
    let t = c.run("wrong");
    assert!(
        t.to_string().contains(
            "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)"
        ),
        "{t}"
    );
    assert!(c.attached().is_none());
    c.run("kubectl exec -it mysql-0 -- mysql -uroot -p");
    let t = c.run("change-me");
    // Not echoed, as on a terminal.
    assert!(!t.to_string().contains("change-me"), "{t}");
    let greeting = t.entries[0].output_text();
    assert!(
        greeting.starts_with("Welcome to the MySQL monitor.  Commands end with ; or \\g.\n"),
        "{greeting}"
    );
    assert!(greeting.contains("Server version: 8.4.3 MySQL Community Server - GPL\n"));
    assert_eq!(c.prompt(), "mysql> ");
    assert_eq!(
        c.run("CREATE DATABASE test;").entries[0].output_text(),
        "Query OK, 1 row affected (0.00 sec)\n\n"
    );
    c.run("CREATE TABLE test.messages (message VARCHAR(250));");
    assert_eq!(
        c.run("INSERT INTO test.messages").entries[0].output_text(),
        ""
    );
    assert_eq!(c.prompt(), "    -> ");
    assert_eq!(
        c.run("VALUES ('hello'), ('world');").entries[0].output_text(),
        "Query OK, 2 rows affected (0.00 sec)\n\n"
    );
    assert_eq!(
        c.run("SELECT * FROM test.messages;").entries[0].output_text(),
        "+---------+\n| message |\n+---------+\n| hello   |\n| world   |\n+---------+\n2 rows in set (0.00 sec)\n\n"
    );
    assert_eq!(
        c.run("SELECT * FROM test.nope;").entries[0].output_text(),
        "ERROR 1146 (42S02): Table 'test.nope' doesn't exist\n"
    );
    assert_eq!(c.run("exit").entries[0].output_text(), "Bye\n");
    assert!(c.attached().is_none());
}

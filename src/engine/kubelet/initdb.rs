//! What the official postgres image's entrypoint does with its data
//! directory when the server starts: on an empty `$PGDATA` it runs `initdb`
//! (the cluster's files appear in the volume) and says "init process
//! complete"; on one that already holds a cluster (`PG_VERSION`) it says it
//! skips initialization. A StatefulSet's Pod that comes back to its claim
//! therefore logs the second — the persistence the claim gives, in the
//! words people look for in `kubectl logs`.

use crate::engine::images::ImageRef;
use crate::engine::objects::Container;
use crate::engine::store::Key;
use crate::engine::Engine;

/// The server's log when the container starts, after preparing `$PGDATA`.
pub(super) fn postgres_start(e: &mut Engine, key: &Key, c: &Container) -> [&'static str; 2] {
    let ready = "LOG:  database system is ready to accept connections";
    let pgdata = c
        .env
        .iter()
        .rev()
        .find(|v| v.name == "PGDATA")
        .and_then(|v| v.value.clone())
        .filter(|v| v.starts_with('/'))
        .unwrap_or_else(|| "/var/lib/postgresql/data".to_string());
    let version_file = format!("{}/PG_VERSION", pgdata.trim_end_matches('/'));
    if e.container_read(&key.0, &key.1, &c.name, &version_file)
        .is_ok()
    {
        return [
            "PostgreSQL Database directory appears to contain a database; Skipping initialization",
            ready,
        ];
    }
    let major = major_version(&c.image);
    let dir = pgdata.trim_end_matches('/');
    for sub in ["base/1", "global", "pg_wal", "pg_xact", "pg_stat"] {
        let _ = e.container_with_tree_mut(
            &key.0,
            &key.1,
            &c.name,
            &format!("{dir}/{sub}"),
            |t, p, _| t.mkdir_p(p),
        );
    }
    for (file, text) in [
        ("PG_VERSION", format!("{major}\n")),
        ("postgresql.conf", "listen_addresses = '*'\n".to_string()),
        (
            "pg_hba.conf",
            "local all all trust\nhost all all all scram-sha-256\n".to_string(),
        ),
        ("postgresql.auto.conf", String::new()),
    ] {
        let _ = e.container_write(
            &key.0,
            &key.1,
            &c.name,
            &format!("{dir}/{file}"),
            &text,
            false,
        );
    }
    [
        "PostgreSQL init process complete; ready for start up.",
        ready,
    ]
}

/// The major version an image tag names (`16.4` → 16); `latest` and
/// variants without a number are the newest, 17.
pub(crate) fn major_version(image: &str) -> String {
    let tag = ImageRef::parse(image).tag;
    let digits: String = tag.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        "17".to_string()
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn major_versions_from_tags() {
        assert_eq!(super::major_version("postgres:16.4"), "16");
        assert_eq!(super::major_version("postgres:15-alpine"), "15");
        assert_eq!(super::major_version("postgres"), "17");
        assert_eq!(super::major_version("postgres:alpine"), "17");
    }
}

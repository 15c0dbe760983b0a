//! What an image brings to `kubectl exec`: its shell (busybox ash, Debian's
//! dash, bash), which programs it has, and the versions its tools print.
//! Derived from the engine's image catalogue plus a few facts the catalogue
//! does not carry (which base distribution, which busybox release).
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::engine::images::{self, DnsTools, Flavor, ImageRef};

/// The shell `sh` is in the image; it decides the wording of errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShellKind {
    /// busybox ash: `sh: foo: not found`.
    Ash,
    /// Debian's dash: `sh: 1: foo: not found`.
    Dash,
    /// bash started as `bash -c`: `bash: line 1: foo: command not found`.
    Bash,
}

/// Which `nslookup` output format the image prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nslookup {
    /// busybox up to 1.28: libc resolver, `Address 1: IP NAME` (R8.15).
    BusyboxOld,
    /// busybox 1.29: its own DNS client (`FEATURE_NSLOOKUP_BIG`, on by
    /// default) without search domains: every name is asked as typed, so
    /// even `nslookup nginx` answers NXDOMAIN in a cluster
    /// (kubernetes#66924 and the tutorials' pin to busybox:1.28).
    Busybox129,
    /// busybox 1.30 and later: its own DNS client, bind-like lines; the
    /// search domains only for names without a dot.
    BusyboxNew,
    /// bind9's nslookup.
    Bind,
}

/// Which `ping` the image has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ping {
    Busybox,
    Iputils,
}

/// Which `wget` the image has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wget {
    /// busybox 1.28-style progress and messages.
    BusyboxOld,
    /// busybox 1.30+ (`writing to stdout` … `written to stdout`).
    BusyboxNew,
}

/// The programs and formats of one image.
#[derive(Clone, Debug)]
pub struct Toolbox {
    pub image: String,
    pub flavor: Flavor,
    /// busybox applets instead of coreutils (busybox, alpine-based images).
    pub busybox: bool,
    pub shell: ShellKind,
    pub has_bash: bool,
    pub nslookup: Option<Nslookup>,
    /// `dig` and `host` (bind9 utilities).
    pub bind_tools: bool,
    pub curl: bool,
    pub wget: Option<Wget>,
    pub ping: Option<Ping>,
    /// glibc's `getent`.
    pub getent: bool,
    /// `ps`, `pkill` (procps or busybox applets).
    pub procps: bool,
    /// `nginx/1.27.3` for an nginx image.
    pub nginx_version: String,
    /// Debian jessie with its dnsutils and nothing more (the e2e
    /// `jessie-dnsutils` image the DNS debugging guide runs): BIND 9.9's
    /// `dig`, no curl, no ping.
    pub jessie: bool,
    /// `tar` (GNU's, or busybox's applet where `busybox`): what `kubectl
    /// cp` runs in the container.
    pub tar: bool,
}

/// Commands every image has (coreutils or busybox applets).
const CORE: &[&str] = &[
    "basename", "cat", "cd", "chgrp", "chmod", "chown", "cp", "date", "dd", "df", "dirname", "du",
    "env", "find", "hostname", "id", "kill", "ln", "ls", "mkdir", "mount", "mv", "printenv", "pwd",
    "rm", "rmdir", "sh", "sleep", "touch", "uname", "which", "whoami",
];

/// Shell builtins and text filters that also exist as programs (`/bin/echo`),
/// so `kubectl exec POD -- echo hi` finds them.
const PROGRAMS_TOO: &[&str] = &[
    "[", "awk", "base64", "cut", "echo", "egrep", "false", "fgrep", "grep", "head", "printf",
    "rev", "sed", "seq", "sort", "tail", "tee", "test", "tr", "true", "uniq", "wc", "xargs",
];

impl Toolbox {
    /// A busybox of the 1.30s (1.36.1) rather than 1.28.4, the tutorials'
    /// `busybox:1.28`: its usage texts and banner (`busybox_usage`).
    pub fn busybox_new(&self) -> bool {
        self.busybox && self.wget == Some(Wget::BusyboxNew)
    }

    /// The toolbox of an image reference as a Pod spec names it.
    pub fn for_image(image: &str) -> Toolbox {
        let spec = images::lookup(image).ok();
        let flavor = spec.map_or(Flavor::Tool, |s| s.flavor);
        let r = ImageRef::parse(image);
        // Alpine-based: busybox without being the busybox image.
        let alpine_like = images::busybox_based(image, Flavor::Tool);
        let busybox = flavor == Flavor::Busybox || alpine_like;
        let jessie = r.repository.ends_with("/jessie-dnsutils")
            || r.repository
                .ends_with("kubernetes-e2e-test-images/dnsutils");
        let new_busybox = busybox && !(flavor == Flavor::Busybox && busybox_before_1_30(&r.tag));
        let dns = spec.map_or(DnsTools::None, |s| s.dns);
        let nslookup = match dns {
            DnsTools::Bind => Some(Nslookup::Bind),
            DnsTools::Busybox if new_busybox => Some(Nslookup::BusyboxNew),
            DnsTools::Busybox if busybox_minor(&r.tag) == Some(29) => Some(Nslookup::Busybox129),
            DnsTools::Busybox => Some(Nslookup::BusyboxOld),
            DnsTools::None if alpine_like => Some(Nslookup::BusyboxNew),
            DnsTools::None => None,
        };
        let wget = if spec.is_some_and(|s| s.has_wget) || busybox {
            Some(if new_busybox {
                Wget::BusyboxNew
            } else {
                Wget::BusyboxOld
            })
        } else {
            None
        };
        let ping = if busybox {
            Some(Ping::Busybox)
        } else if flavor == Flavor::Dnsutils && !jessie {
            Some(Ping::Iputils)
        } else {
            None
        };
        let nginx_version = if flavor == Flavor::Nginx {
            let t = &r.tag;
            let full =
                t.split('.').count() == 3 && t.chars().all(|c| c.is_ascii_digit() || c == '.');
            if full && r.repository == "docker.io/library/nginx" {
                format!("nginx/{t}")
            } else {
                // nginx-slim and floating tags: the release the simulation assumes.
                "nginx/1.27.3".to_string()
            }
        } else {
            String::new()
        };
        Toolbox {
            image: image.to_string(),
            flavor,
            busybox,
            shell: if busybox {
                ShellKind::Ash
            } else {
                ShellKind::Dash
            },
            has_bash: !busybox,
            nslookup,
            bind_tools: dns == DnsTools::Bind,
            // The StatefulSet tutorial runs `curl http://localhost/` inside
            // nginx-slim, so every nginx image here has curl.
            curl: (spec.is_some_and(|s| s.has_curl) && !jessie) || flavor == Flavor::Nginx,
            wget,
            ping,
            getent: !busybox,
            // The tutorial's nginx image ships procps (`pkill nginx` works there).
            // The ZooKeeper tutorial uses `ps -elf` and `pkill java` in its image.
            procps: busybox
                || matches!(
                    flavor,
                    Flavor::Nginx | Flavor::Dnsutils | Flavor::Tool | Flavor::Zookeeper
                ),
            nginx_version,
            jessie,
            tar: has_tar(flavor, &r.repository),
        }
    }

    /// Whether the image has program `name` (as `$PATH` finds it).
    pub fn has(&self, name: &str) -> bool {
        if CORE.contains(&name) || PROGRAMS_TOO.contains(&name) {
            return true;
        }
        match name {
            "ash" => self.busybox,
            "bash" => self.has_bash,
            "dash" => !self.busybox,
            "nslookup" => self.nslookup.is_some(),
            "dig" | "host" => self.bind_tools,
            "curl" => self.curl,
            "wget" => self.wget.is_some(),
            // busybox's nc applet (also in Alpine's busybox).
            "nc" => self.busybox,
            "ping" => self.ping.is_some(),
            "getent" => self.getent,
            "ps" | "pkill" | "pgrep" => self.procps,
            "sysctl" => self.procps || self.busybox,
            "nginx" => self.flavor == Flavor::Nginx,
            "tar" => self.tar,
            "httpd" | "apachectl" => self.flavor == Flavor::Httpd,
            "mysqladmin" => self.flavor == Flavor::Mysql,
            // The xtrabackup image is built on Percona's server image: its
            // sidecar script waits for mysqld with the `mysql` client.
            "mysql" => self.flavor == Flavor::Mysql || self.is_xtrabackup(),
            "ncat" | "xbstream" | "xtrabackup" => self.is_xtrabackup(),
            "zkCli.sh" | "zookeeper-ready" => {
                crate::engine::containerfs::is_zookeeper_tutorial(&self.image)
            }
            "nodetool" => self.flavor == Flavor::Cassandra,
            "pg_isready" | "psql" => self.flavor == Flavor::Postgres,
            "redis-cli" => self.flavor == Flavor::Redis,
            "valkey-cli" => self.flavor == Flavor::Redis && images::is_valkey(&self.image),
            _ => self.unsimulated(name),
        }
    }

    /// Programs the image really has whose behaviour is not modelled (the
    /// databases' own clients and admin tools): they are found, and say so
    /// when run, rather than be "not found" where a real cluster has them.
    pub fn unsimulated(&self, name: &str) -> bool {
        let programs: &[&str] = match self.flavor {
            Flavor::Postgres => &["pg_dump", "pg_restore", "pg_ctl", "createdb", "initdb"],
            Flavor::Redis if images::is_valkey(&self.image) => &[
                "valkey-benchmark",
                "valkey-check-aof",
                "valkey-check-rdb",
                "redis-benchmark",
                "redis-check-aof",
                "redis-check-rdb",
            ],
            Flavor::Redis => &["redis-benchmark", "redis-check-aof", "redis-check-rdb"],
            Flavor::Mongo => &["mongosh", "mongodump", "mongorestore"],
            Flavor::Mysql => &["mysqldump", "mysql_upgrade"],
            Flavor::Cassandra => &["cqlsh"],
            Flavor::RabbitMq => &["rabbitmqctl", "rabbitmq-diagnostics", "rabbitmq-plugins"],
            Flavor::Kafka => &[
                "kafka-topics.sh",
                "kafka-console-producer.sh",
                "kafka-console-consumer.sh",
            ],
            Flavor::Etcd => &["etcdctl"],
            Flavor::Consul => &["consul"],
            Flavor::Minio => &["minio"],
            _ => &[],
        };
        programs.contains(&name)
    }

    fn is_xtrabackup(&self) -> bool {
        ImageRef::parse(&self.image)
            .repository
            .ends_with("/xtrabackup")
    }

    /// The `$PATH` the image sets.
    pub fn path(&self) -> &'static str {
        // The container runtime's default; none of the catalogue's images changes it.
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    }

    /// Environment variables the image itself sets (its Dockerfile's `ENV`).
    pub fn image_env(&self) -> Vec<(String, String)> {
        let r = ImageRef::parse(&self.image);
        if self.flavor == Flavor::Nginx && r.repository == "docker.io/library/nginx" {
            let v = self.nginx_version.trim_start_matches("nginx/");
            return vec![
                ("NGINX_VERSION".into(), v.to_string()),
                ("NJS_VERSION".into(), "0.8.7".into()),
                ("NJS_RELEASE".into(), "1~bookworm".into()),
                ("PKG_RELEASE".into(), "1~bookworm".into()),
                ("DYNPKG_RELEASE".into(), "1~bookworm".into()),
            ];
        }
        Vec::new()
    }

    /// The program the image runs when the Pod does not say (`ps`, `pkill`).
    pub fn default_process(&self) -> &'static str {
        match self.flavor {
            Flavor::Nginx => "nginx",
            Flavor::Httpd => "httpd",
            Flavor::Mysql => "mysqld",
            Flavor::Postgres => "postgres",
            Flavor::Redis if images::is_valkey(&self.image) => "valkey-server",
            Flavor::Redis => "redis-server",
            Flavor::Mongo => "mongod",
            Flavor::Cassandra | Flavor::Elasticsearch | Flavor::Zookeeper | Flavor::Kafka => "java",
            Flavor::RabbitMq => "rabbitmq-server",
            Flavor::Minio => "minio",
            Flavor::Etcd => "etcd",
            Flavor::Consul => "consul",
            Flavor::Busybox | Flavor::Dnsutils | Flavor::Tool => "sh",
            Flavor::System => "pause",
        }
    }
}

/// Whether an image ships `tar`. Debian and Ubuntu images have GNU tar
/// (an essential package), busybox and Alpine images the applet. Without
/// it: MySQL's images, Oracle Linux 9-slim since 8.0 (docker-library/mysql
/// Dockerfile.oracle installs no tar; docker-library/mysql#881); MinIO's
/// (ubi-micro); etcd's own, distroless since 3.5; the control-plane and
/// add-on images (distroless or scratch). nginx-slim was built in
/// kubernetes/ingress-nginx (images/nginx-slim) first on Alpine, then on
/// its ubuntu-slim, which keeps tar (that image's own build runs it); where
/// the newest registry.k8s.io tags are built could not be settled from the
/// sources at hand, and they are taken to have tar too.
fn has_tar(flavor: Flavor, repository: &str) -> bool {
    let bitnami = images::bitnami_catalogue(repository).is_some();
    match flavor {
        Flavor::Mysql | Flavor::System => false,
        Flavor::Minio | Flavor::Etcd => bitnami,
        _ => true,
    }
}

/// busybox tags before 1.30 (`1.28`, `1.28.4`, `1.29.3`) keep the old
/// libc-based nslookup; `latest`, `stable` and 1.30+ have the new one.
fn busybox_before_1_30(tag: &str) -> bool {
    let (major, minor) = busybox_release(tag);
    matches!((major, minor), (Some(1), Some(m)) if m < 30) || matches!(major, Some(0))
}

/// The minor release of a busybox `1.N…` tag (`1.29.3-uclibc` → 29).
fn busybox_minor(tag: &str) -> Option<u32> {
    match busybox_release(tag) {
        (Some(1), minor) => minor,
        _ => None,
    }
}

/// The major and minor numbers of a busybox tag (`1.29.3-uclibc` → 1, 29),
/// each None where it is not a number (`latest`, `stable`).
fn busybox_release(tag: &str) -> (Option<u32>, Option<u32>) {
    let mut parts = tag.split(['.', '-']).map(|p| p.parse::<u32>().ok());
    (parts.next().flatten(), parts.next().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_get_their_tools() {
        let bb = Toolbox::for_image("busybox:1.28");
        for (tag, nslookup) in [
            ("busybox:1.28.4", Nslookup::BusyboxOld),
            ("busybox:1.29", Nslookup::Busybox129),
            ("busybox:1.29.3", Nslookup::Busybox129),
            ("busybox:1.30", Nslookup::BusyboxNew),
        ] {
            assert_eq!(Toolbox::for_image(tag).nslookup, Some(nslookup), "{tag}");
        }
        assert_eq!(bb.shell, ShellKind::Ash);
        assert_eq!(bb.nslookup, Some(Nslookup::BusyboxOld));
        assert!(!bb.has("curl") && !bb.has("dig") && bb.has("wget") && bb.has("ping"));
        assert_eq!(
            Toolbox::for_image("busybox").nslookup,
            Some(Nslookup::BusyboxNew)
        );
        assert_eq!(
            Toolbox::for_image("busybox:1.36").nslookup,
            Some(Nslookup::BusyboxNew)
        );
        let ng = Toolbox::for_image("registry.k8s.io/nginx-slim:0.21");
        assert_eq!(ng.shell, ShellKind::Dash);
        assert!(!ng.has("nslookup") && ng.has("pkill") && ng.has("bash") && ng.has("curl"));
        assert_eq!(ng.nginx_version, "nginx/1.27.3");
        assert_eq!(
            Toolbox::for_image("nginx:1.25.4").nginx_version,
            "nginx/1.25.4"
        );
        let du = Toolbox::for_image("registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3");
        assert!(du.has("dig") && du.has("host") && du.has("nslookup") && du.has("getent"));
        assert_eq!(du.nslookup, Some(Nslookup::Bind));
        // `kubectl cp` needs tar: Debian and busybox images have it, MySQL's
        // Oracle Linux images and MinIO's ubi-micro do not.
        for (image, tar) in [
            ("registry.k8s.io/nginx-slim:0.21", true),
            ("busybox:1.28", true),
            ("postgres:16.4", true),
            ("redis:7.4", true),
            ("mysql:8.4", false),
            ("minio/minio:latest", false),
            ("bitnami/minio:latest", true),
            ("registry.k8s.io/pause:3.10", false),
        ] {
            assert_eq!(Toolbox::for_image(image).has("tar"), tar, "{image}");
        }
    }
}

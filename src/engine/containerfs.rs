//! What a container sees as its file system: its image's files in a
//! writable layer (lost when the container restarts), the kubelet-managed
//! `/etc/hosts`, `/etc/hostname` and `/etc/resolv.conf` (R8.12, R8.14), and
//! its volume mounts — PersistentVolumes (data outlives the Pod exactly as
//! long as the PV does), emptyDirs (die with the Pod), ConfigMaps, Secrets
//! and the service-account token (read-only).

use std::collections::BTreeMap;

use super::bootstrap::CLUSTER_DOMAIN;
use super::images::{self, Flavor};
use super::objects::{Pod, Value};
use super::pod_dns::PodDnsConfig;
use super::volumes::{is_within, normalize, Entry, FileTree, FsError, TreeLimits};
use super::Engine;

const NGINX_INDEX: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n";

/// Where a path of a container lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Backing {
    /// A PersistentVolume's tree (by PV name), or None when the claim is unbound.
    Volume(Option<String>),
    EmptyDir(String),
    /// Read-only files generated from an object (ConfigMap, Secret, token).
    Generated(FileTree),
    /// The container's own writable layer.
    Layer,
    /// A kubelet-managed file.
    Managed(String),
}

/// Which tree a write went to, so that a deferred write finds it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeRef {
    Volume(String),
    EmptyDir { uid: String, name: String },
    Layer { uid: String, container: String },
}

/// The writes of a main process that happened after it had waited
/// (`touch /tmp/healthy; sleep 30; rm -f /tmp/healthy`). The process runs
/// in one go at container start; the kubelet then takes back what it wrote
/// after a wait and makes each write again at its own time, so what a probe
/// or a `kubectl exec` sees at 10 s is what the process had done by 10 s.
#[derive(Clone, Debug, Default)]
pub struct FsJournal {
    /// How long the process has waited so far.
    pub offset: super::time::SimDuration,
    pub changes: Vec<FsChange>,
    /// How many bytes the process had printed when each of its waits began.
    pub output: Vec<(super::time::SimDuration, usize)>,
    /// Journal the writes made before the first wait too (they are applied
    /// at once otherwise): a run that is to be taken back whole.
    pub record_all: bool,
}

/// One write of a main process, as entries set or removed.
#[derive(Clone, Debug)]
pub struct FsChange {
    /// When, after the process started.
    pub at: super::time::SimDuration,
    pub tree: TreeRef,
    pub redo: Vec<(String, Option<Entry>)>,
    pub undo: Vec<(String, Option<Entry>)>,
}

/// A resolved path: what backs it and the path inside that backing.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub backing: Backing,
    pub path: String,
    pub read_only: bool,
    /// The mount point, when the path is under a volume mount.
    pub mount: Option<String>,
}

/// Programs an image ships as files that a user may move away, taking the
/// program with them: the MySQL tutorial breaks its readiness probe with
/// `mv /usr/bin/mysql /usr/bin/mysql.off`, the ZooKeeper tutorial its
/// liveness probe with `rm /opt/zookeeper/bin/zookeeper-ready` (the
/// `/usr/bin` names are links to it). Other programs are always there.
pub fn program_files(flavor: Flavor, image: &str) -> &'static [&'static str] {
    match flavor {
        Flavor::Mysql => &["/usr/bin/mysql", "/usr/bin/mysqladmin", "/usr/sbin/mysqld"],
        Flavor::Nginx => &["/usr/sbin/nginx"],
        Flavor::Httpd => &["/usr/local/apache2/bin/httpd"],
        Flavor::Zookeeper if is_zookeeper_tutorial(image) => {
            &["/usr/bin/zookeeper-ready", "/usr/bin/zkCli.sh"]
        }
        _ => &[],
    }
}

/// The ZooKeeper tutorial's image (`registry.k8s.io/kubernetes-zookeeper`):
/// its scripts are files here, and the console runs its programs.
pub fn is_zookeeper_tutorial(image: &str) -> bool {
    images::ImageRef::parse(image)
        .repository
        .ends_with("/kubernetes-zookeeper")
}

/// Its `zookeeper-ready` script (kubernetes-retired/contrib,
/// statefulsets/zookeeper), as `cat` shows it.
const ZOOKEEPER_READY: &str = "#!/usr/bin/env bash\n# zkOk.sh uses the ruok ZooKeeper four letter work to determine if the instance\n# is health. The $? variable will be set to 0 if server responds that it is\n# healthy, or 1 if the server fails to respond.\n\nOK=$(echo ruok | nc 127.0.0.1 $1)\nif [ \"$OK\" == \"imok\" ]; then\n\texit 0\nelse\n\texit 1\nfi\n";

/// The tutorial image's scripts: in `/opt/zookeeper/bin`, linked from
/// `/usr/bin` (its Dockerfile's `ln -s /opt/zookeeper/bin/* /usr/bin`).
fn zookeeper_scripts(t: &mut FileTree, limits: TreeLimits) {
    let _ = t.mkdir_p("/opt/zookeeper/bin");
    let _ = t.mkdir_p("/opt/zookeeper/conf");
    let _ = t.mkdir_p("/usr/etc");
    let _ = t.symlink("/opt/zookeeper/conf", "/usr/etc/zookeeper");
    for (name, text) in [
        ("start-zookeeper", "#!/usr/bin/env bash\n"),
        ("zkCli.sh", "#!/usr/bin/env bash\n"),
        ("zkServer.sh", "#!/usr/bin/env bash\n"),
        ("zookeeper-ready", ZOOKEEPER_READY),
    ] {
        let file = format!("/opt/zookeeper/bin/{name}");
        let _ = t.write(&file, text, false, limits);
        let _ = t.symlink(&file, &format!("/usr/bin/{name}"));
    }
}

/// The nginx image's `/etc/nginx/nginx.conf` (the nginx.org package's).
const NGINX_CONF: &str = "
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '
                      '$status $body_bytes_sent \"$http_referer\" '
                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
";

/// Its `mime.types` (nginx's own `conf/mime.types`, release 1.27.3).
const NGINX_MIME_TYPES: &str = include_str!("nginx_mime.types");

/// Its `conf.d/default.conf`, with the `listen [::]:80;` line the image's
/// entrypoint adds when the container has IPv6
/// (`10-listen-on-ipv6-by-default.sh`).
const NGINX_DEFAULT_CONF: &str = "server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}
";

/// Where Apache httpd serves files from (its image's `DocumentRoot`).
pub const HTTPD_ROOT: &str = "/usr/local/apache2/htdocs";

/// What a program file holds: the start of an ELF header, as `head -c 4`
/// of a real one shows.
const ELF_STUB: &str = "\u{7f}ELF";

/// The base files of an image (what the layer starts with).
pub fn image_files(image: &str) -> FileTree {
    let mut t = FileTree::new();
    let big = TreeLimits {
        max_file_bytes: 1 << 20,
        max_bytes: 1 << 24,
        max_files: 10_000,
    };
    for d in [
        "/bin",
        "/dev",
        "/etc",
        "/home",
        "/proc",
        "/root",
        "/sys",
        "/tmp",
        "/usr",
        "/usr/bin",
        "/usr/local",
        "/var",
        "/var/log",
    ] {
        let _ = t.mkdir_p(d);
    }
    let flavor = images::lookup(image)
        .map(|s| s.flavor)
        .unwrap_or(Flavor::Tool);
    // The rest of a root directory: busybox's image has lib and lib64
    // only; the Debian-based images have Debian's whole layout.
    let more: &[&str] = if flavor == Flavor::Busybox {
        &["/lib", "/lib64"]
    } else {
        &[
            "/boot", "/lib", "/lib64", "/media", "/mnt", "/opt", "/run", "/sbin", "/srv",
        ]
    };
    for d in more {
        let _ = t.mkdir_p(d);
    }
    let os = match flavor {
        Flavor::Busybox => "NAME=\"BusyBox\"\n",
        _ => "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n",
    };
    let _ = t.write("/etc/os-release", os, false, big);
    if flavor == Flavor::Zookeeper && is_zookeeper_tutorial(image) {
        zookeeper_scripts(&mut t, big);
    }
    for p in program_files(flavor, image) {
        if t.get(p).is_some() {
            continue;
        }
        if let Some((dir, _)) = p.rsplit_once('/') {
            let _ = t.mkdir_p(dir);
        }
        let _ = t.write(p, ELF_STUB, false, big);
    }
    if flavor == Flavor::Httpd {
        let _ = t.mkdir_p(HTTPD_ROOT);
        let _ = t.mkdir_p("/usr/local/apache2/conf");
        let _ = t.mkdir_p("/usr/local/apache2/logs");
        let _ = t.write(
            &format!("{HTTPD_ROOT}/index.html"),
            "<html><body><h1>It works!</h1></body></html>\n",
            false,
            big,
        );
    }
    if flavor == Flavor::Nginx {
        let _ = t.mkdir_p("/usr/share/nginx/html");
        let _ = t.mkdir_p("/etc/nginx/conf.d");
        let _ = t.mkdir_p("/var/log/nginx");
        // The image sends its logs to the container's output (its
        // Dockerfile's `ln -sf /dev/stdout …`): `kubectl logs` shows them.
        let _ = t.symlink("/dev/stdout", "/var/log/nginx/access.log");
        let _ = t.symlink("/dev/stderr", "/var/log/nginx/error.log");
        let _ = t.mkdir_p("/docker-entrypoint.d");
        let _ = t.write("/usr/share/nginx/html/index.html", NGINX_INDEX, false, big);
        let _ = t.write("/usr/share/nginx/html/50x.html", "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n", false, big);
        let _ = t.write("/etc/nginx/nginx.conf", NGINX_CONF, false, big);
        let _ = t.write("/etc/nginx/mime.types", NGINX_MIME_TYPES, false, big);
        let _ = t.write(
            "/etc/nginx/conf.d/default.conf",
            NGINX_DEFAULT_CONF,
            false,
            big,
        );
    }
    t
}

fn secret_tree(data: &BTreeMap<String, String>, decode: bool) -> FileTree {
    let mut t = FileTree::new();
    let big = TreeLimits {
        max_file_bytes: 1 << 20,
        max_bytes: 1 << 24,
        max_files: 10_000,
    };
    for (k, v) in data {
        let text = if decode {
            base64_decode(v).unwrap_or_default()
        } else {
            v.clone()
        };
        let _ = t.write(&format!("/{k}"), &text, false, big);
    }
    t
}

/// Standard base64 decoding (Secrets' `data`); None on bad input.
pub fn base64_decode(s: &str) -> Option<String> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    String::from_utf8(out).ok()
}

impl Engine {
    fn tree_limits(&self) -> TreeLimits {
        let l = &self.config.limits;
        TreeLimits {
            max_file_bytes: l.max_file_bytes,
            max_bytes: l.max_volume_bytes,
            max_files: l.max_files,
        }
    }

    /// Whether the Pod runs in its node's network namespace.
    pub fn host_network(pod: &Pod) -> bool {
        pod.spec.extra.get("hostNetwork").and_then(Value::as_bool) == Some(true)
    }

    /// The name `hostname` prints in the Pod's containers: the node's for a
    /// hostNetwork Pod (it shares the node's UTS namespace: the kubelet
    /// sets no sandbox hostname, kuberuntime `generatePodSandboxConfig`);
    /// otherwise `spec.hostname` or the Pod's name, and with
    /// `setHostnameAsFQDN: true` and a subdomain the whole FQDN (kubelet
    /// `GetNodenameForKernel`).
    pub fn kernel_hostname(pod: &Pod) -> String {
        if Self::host_network(pod) && !pod.spec.node_name.is_empty() {
            return pod.spec.node_name.to_string();
        }
        let host = Self::pod_hostname(pod);
        match Self::pod_domain(pod) {
            Some(domain) if Self::hostname_as_fqdn(pod) => format!("{host}.{domain}"),
            _ => host,
        }
    }

    /// `spec.setHostnameAsFQDN: true`.
    fn hostname_as_fqdn(pod: &Pod) -> bool {
        pod.spec
            .extra
            .get("setHostnameAsFQDN")
            .and_then(Value::as_bool)
            == Some(true)
    }

    /// Why the kubelet cannot set the kernel hostname of a Pod with
    /// `setHostnameAsFQDN`: the FQDN must fit the 64 characters of the
    /// kernel's nodename (kubelet `GetNodenameForKernel`'s error).
    pub fn kernel_hostname_error(pod: &Pod) -> Option<String> {
        let name = Self::kernel_hostname(pod);
        (Self::hostname_as_fqdn(pod) && name.len() > 64).then(|| {
            format!(
                "failed to construct FQDN from pod hostname and cluster domain, FQDN {name} is too long (64 characters is the max, {} characters requested)",
                name.len()
            )
        })
    }

    /// The short hostname (kubelet `GeneratePodHostNameAndDomain`).
    fn pod_hostname(pod: &Pod) -> String {
        if pod.spec.hostname.is_empty() {
            pod.metadata.name.to_string()
        } else {
            pod.spec.hostname.to_string()
        }
    }

    /// `<subdomain>.<namespace>.svc.cluster.local` when a subdomain is set.
    fn pod_domain(pod: &Pod) -> Option<String> {
        (!pod.spec.subdomain.is_empty()).then(|| {
            format!(
                "{}.{}.svc.{CLUSTER_DOMAIN}",
                pod.spec.subdomain, pod.metadata.namespace
            )
        })
    }

    /// A kind node's `/etc/hosts`, which Docker writes for the node
    /// container: libnetwork `etchosts`' defaults (current Docker prints
    /// the addresses canonically, `fe00::` where older releases wrote
    /// `fe00::0`), then the container's address and name on the `kind`
    /// network. An IPv6-enabled network would add the node's IPv6 line too;
    /// this cluster's nodes have IPv4 addresses only.
    pub fn node_hosts_file(node: &str, ip: &str) -> String {
        format!(
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n{ip}\t{node}\n"
        )
    }

    /// `/etc/hosts` as the kubelet writes it (R8.14): its managed file, or
    /// for a hostNetwork Pod the node's own file (kubelet
    /// `nodeHostsFileContent`); HostAliases are appended to either.
    pub fn hosts_file(pod: &Pod) -> String {
        let mut s = if Self::host_network(pod) {
            Self::node_hosts_file(&pod.spec.node_name, &pod.status.host_ip)
        } else {
            let mut s = String::from(
                "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n",
            );
            // The short name, not the kernel's: with setHostnameAsFQDN the
            // line still reads `IP FQDN short` (kubelet `makeMounts` gets
            // `hostname`, not the nodename).
            let host = Self::pod_hostname(pod);
            let ip = &pod.status.pod_ip;
            match Self::pod_domain(pod) {
                None => s.push_str(&format!("{ip}\t{host}\n")),
                Some(domain) => s.push_str(&format!("{ip}\t{host}.{domain}\t{host}\n")),
            }
            s
        };
        if let Some(aliases) = pod.spec.extra.get("hostAliases").and_then(Value::as_array) {
            s.push_str("\n# Entries added by HostAliases.\n");
            for a in aliases {
                let ip = a.get("ip").and_then(Value::as_str).unwrap_or("");
                let names: Vec<&str> = a
                    .get("hostnames")
                    .and_then(Value::as_array)
                    .map(|v| v.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                s.push_str(&format!("{ip}\t{}\n", names.join("\t")));
            }
        }
        s
    }

    /// Resolves a path inside a container to what backs it.
    pub fn container_resolve(
        &self,
        ns: &str,
        pod: &str,
        container: &str,
        path: &str,
    ) -> Result<Resolved, FsError> {
        let p = self.store.pods.get(ns, pod).ok_or(FsError::NotFound)?;
        let spec = p.spec.container(container).ok_or(FsError::NotFound)?;
        let path = normalize(path);
        match path.as_str() {
            "/etc/hosts" => {
                return Ok(Resolved {
                    backing: Backing::Managed(Self::hosts_file(p)),
                    path,
                    read_only: false,
                    mount: None,
                })
            }
            "/etc/resolv.conf" => {
                return Ok(Resolved {
                    backing: Backing::Managed(PodDnsConfig::for_pod(p).render()),
                    path,
                    read_only: false,
                    mount: None,
                })
            }
            "/etc/hostname" => {
                let h = Self::kernel_hostname(p);
                return Ok(Resolved {
                    backing: Backing::Managed(format!("{h}\n")),
                    path,
                    read_only: false,
                    mount: None,
                });
            }
            _ => {}
        }
        let mount = spec
            .volume_mounts
            .iter()
            .filter(|m| is_within(&path, &normalize(&m.mount_path)))
            .max_by_key(|m| normalize(&m.mount_path).len());
        let Some(m) = mount else {
            return Ok(Resolved {
                backing: Backing::Layer,
                path,
                read_only: false,
                mount: None,
            });
        };
        let mp = normalize(&m.mount_path);
        let mut inner = normalize(&path[mp.len().min(path.len())..]);
        if let Some(sub) = m.sub_path.as_deref().filter(|s| !s.is_empty()) {
            inner = normalize(&format!("/{sub}/{inner}"));
        }
        let vol = p
            .spec
            .volumes
            .iter()
            .find(|v| v.name == m.name)
            .ok_or(FsError::NotFound)?;
        let read_only = m.read_only;
        let backing = if let Some(c) = &vol.persistent_volume_claim {
            let pv = self
                .store
                .pvcs
                .get(ns, &c.claim_name)
                .map(|c| c.spec.volume_name.clone())
                .filter(|v| !v.is_empty());
            Backing::Volume(pv)
        } else if vol.empty_dir.is_some() {
            Backing::EmptyDir(vol.name.to_string())
        } else if let Some(cm) = &vol.config_map {
            let name = cm.get("name").and_then(Value::as_str).unwrap_or("");
            let data = self
                .store
                .config_maps
                .get(ns, name)
                .map(|c| c.data.clone())
                .unwrap_or_default();
            Backing::Generated(secret_tree(&data, false))
        } else if let Some(sec) = &vol.secret {
            let name = sec.get("secretName").and_then(Value::as_str).unwrap_or("");
            let data = self
                .store
                .secrets
                .get(ns, name)
                .map(|c| c.data.clone())
                .unwrap_or_default();
            Backing::Generated(secret_tree(&data, true))
        } else if vol.projected.is_some() {
            let mut files = BTreeMap::new();
            files.insert(
                "token".to_string(),
                format!(
                    "eyJhbGciOiJSUzI1NiIsImtpZCI6Im9yZGluYWwifQ.{}.c2lnbmF0dXJl",
                    p.metadata.uid.replace('-', "")
                ),
            );
            files.insert(
                "ca.crt".to_string(),
                crate::engine::controller::namespace::ROOT_CA_PEM.to_string(),
            );
            files.insert("namespace".to_string(), ns.to_string());
            Backing::Generated(secret_tree(&files, false))
        } else if vol
            .extra
            .get("hostPath")
            .and_then(|h| h.get("path"))
            .and_then(Value::as_str)
            == Some("/")
        {
            // The node's root (`kubectl debug node/…`), as far as it is simulated.
            Backing::Generated(self.node_root(&p.spec.node_name))
        } else {
            Backing::EmptyDir(vol.name.to_string())
        };
        let ro = read_only || matches!(backing, Backing::Generated(_));
        Ok(Resolved {
            backing,
            path: inner,
            read_only: ro,
            mount: Some(mp),
        })
    }

    fn layer_of(&self, ns: &str, pod: &str, container: &str) -> Option<FileTree> {
        let rt = self.pod_runtime(ns, pod)?;
        let c = rt.find(container).and_then(|c| rt.ctr(c))?;
        Some(if c.seeded {
            c.layer.clone()
        } else {
            image_files(&c.image)
        })
    }

    /// Runs `f` on the tree backing `path` (read access).
    pub fn container_with_tree<T>(
        &self,
        ns: &str,
        pod: &str,
        container: &str,
        path: &str,
        f: impl FnOnce(&FileTree, &str) -> Result<T, FsError>,
    ) -> Result<T, FsError> {
        let r = self.container_resolve(ns, pod, container, path)?;
        match r.backing {
            Backing::Managed(text) => {
                let mut t = FileTree::new();
                let _ = t.mkdir_p(&parent_dir(&r.path));
                let _ = t.write(
                    &r.path,
                    &text,
                    false,
                    TreeLimits {
                        max_file_bytes: 1 << 20,
                        max_bytes: 1 << 20,
                        max_files: 4,
                    },
                );
                f(&t, &r.path)
            }
            Backing::Volume(Some(pv)) => match self.volumes.get(&pv) {
                Some(t) => f(t, &r.path),
                None => f(&FileTree::new(), &r.path),
            },
            Backing::Volume(None) => f(&FileTree::new(), &r.path),
            Backing::EmptyDir(name) => {
                let rt = self.pod_runtime(ns, pod).ok_or(FsError::NotFound)?;
                match rt.emptydirs.get(&name) {
                    Some(t) => f(t, &r.path),
                    None => f(&FileTree::new(), &r.path),
                }
            }
            Backing::Generated(t) => f(&t, &r.path),
            Backing::Layer => {
                let t = self.layer_of(ns, pod, container).ok_or(FsError::NotFound)?;
                f(&t, &r.path)
            }
        }
    }

    /// Runs `f` on the tree backing `path` (write access).
    pub fn container_with_tree_mut<T>(
        &mut self,
        ns: &str,
        pod: &str,
        container: &str,
        path: &str,
        f: impl FnOnce(&mut FileTree, &str, TreeLimits) -> Result<T, FsError>,
    ) -> Result<T, FsError> {
        let r = self.container_resolve(ns, pod, container, path)?;
        if r.read_only {
            return Err(FsError::ReadOnly);
        }
        let limits = self.tree_limits();
        let tree = match r.backing {
            Backing::Managed(_) | Backing::Generated(_) => return Err(FsError::ReadOnly),
            Backing::Volume(Some(pv)) => TreeRef::Volume(pv),
            Backing::Volume(None) => return Err(FsError::NotFound),
            Backing::EmptyDir(name) => {
                let uid = self
                    .kubelet
                    .by_key
                    .get(&(ns.to_string(), pod.to_string()))
                    .cloned()
                    .ok_or(FsError::NotFound)?;
                TreeRef::EmptyDir {
                    uid: uid.to_string(),
                    name,
                }
            }
            Backing::Layer => {
                let seed = self.layer_of(ns, pod, container).ok_or(FsError::NotFound)?;
                let uid = self
                    .kubelet
                    .by_key
                    .get(&(ns.to_string(), pod.to_string()))
                    .cloned()
                    .ok_or(FsError::NotFound)?;
                let rt = self.kubelet.pods.get_mut(&uid).ok_or(FsError::NotFound)?;
                let uid = uid.to_string();
                let c = rt.find(container).ok_or(FsError::NotFound)?;
                let ct = rt.ctr_mut(c).ok_or(FsError::NotFound)?;
                if !ct.seeded {
                    ct.layer = seed;
                    ct.seeded = true;
                }
                TreeRef::Layer {
                    uid,
                    container: container.to_string(),
                }
            }
        };
        let deferred = self
            .journal
            .as_ref()
            .filter(|j| j.record_all || j.offset > super::time::SimDuration::ZERO)
            .map(|j| j.offset);
        let t = self.tree_mut(&tree).ok_or(FsError::NotFound)?;
        let Some(at) = deferred else {
            return f(t, &r.path, limits);
        };
        let before = t.clone();
        let out = f(t, &r.path, limits);
        let redo = t.changes_since(&before);
        if !redo.is_empty() {
            let undo = before.changes_since(t);
            if let Some(j) = self.journal.as_mut() {
                j.changes.push(FsChange {
                    at,
                    tree,
                    redo,
                    undo,
                });
            }
        }
        out
    }

    /// The tree a `TreeRef` names, if it is still there.
    pub(crate) fn tree_mut(&mut self, tree: &TreeRef) -> Option<&mut FileTree> {
        match tree {
            TreeRef::Volume(pv) => Some(self.volumes.get_mut(pv)),
            TreeRef::EmptyDir { uid, name } => Some(
                self.kubelet
                    .pods
                    .get_mut(uid.as_str())?
                    .emptydirs
                    .entry(name.clone())
                    .or_default(),
            ),
            TreeRef::Layer { uid, container } => {
                let rt = self.kubelet.pods.get_mut(uid.as_str())?;
                let c = rt.find(container)?;
                Some(&mut rt.ctr_mut(c)?.layer)
            }
        }
    }

    /// A main process that has waited `offset` so far has printed `bytes`
    /// and starts to wait (see `FsJournal`).
    pub fn note_output(&mut self, offset: super::time::SimDuration, bytes: usize) {
        if let Some(j) = self.journal.as_mut() {
            if j.output.last().is_none_or(|(_, b)| *b <= bytes) {
                j.output.push((offset, bytes));
            }
        }
    }

    /// A main process has waited this long so far (see `FsJournal`).
    pub fn note_waited(&mut self, waited: super::time::SimDuration) {
        if let Some(j) = self.journal.as_mut() {
            j.offset = waited;
        }
    }

    pub fn container_read(
        &self,
        ns: &str,
        pod: &str,
        container: &str,
        path: &str,
    ) -> Result<String, FsError> {
        self.container_with_tree(ns, pod, container, path, |t, p| {
            t.read(p).map(str::to_string)
        })
    }

    /// `container_write` after creating the file's folder (`mkdir -p`),
    /// as a server does with its own data directory.
    pub fn container_write_creating(
        &mut self,
        ns: &str,
        pod: &str,
        container: &str,
        path: &str,
        data: &str,
        append: bool,
    ) -> Result<(), FsError> {
        if let Some((dir, _)) = path.rsplit_once('/').filter(|(d, _)| !d.is_empty()) {
            self.container_with_tree_mut(ns, pod, container, dir, |t, p, _| t.mkdir_p(p))?;
        }
        self.container_write(ns, pod, container, path, data, append)
    }

    pub fn container_write(
        &mut self,
        ns: &str,
        pod: &str,
        container: &str,
        path: &str,
        data: &str,
        append: bool,
    ) -> Result<(), FsError> {
        self.container_with_tree_mut(ns, pod, container, path, |t, p, l| {
            t.write(p, data, append, l)
        })
    }

    pub fn container_list(
        &self,
        ns: &str,
        pod: &str,
        container: &str,
        path: &str,
    ) -> Result<Vec<(String, Entry)>, FsError> {
        let mounts = self.mount_points_under(ns, pod, container, path);
        let mut entries = self.container_with_tree(ns, pod, container, path, |t, p| t.list(p))?;
        for m in mounts {
            if !entries.iter().any(|(n, _)| *n == m) {
                entries.push((m, Entry::Dir));
            }
        }
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        Ok(entries)
    }

    /// Names of mount points directly under `dir` (they show as directories).
    fn mount_points_under(&self, ns: &str, pod: &str, container: &str, dir: &str) -> Vec<String> {
        let Some(p) = self.store.pods.get(ns, pod) else {
            return vec![];
        };
        let d = normalize(dir);
        let prefix = if d == "/" {
            "/".to_string()
        } else {
            format!("{d}/")
        };
        p.spec
            .container(container)
            .into_iter()
            .flat_map(|c| c.volume_mounts.iter())
            .filter_map(|m| {
                let mp = normalize(&m.mount_path);
                let rest = mp.strip_prefix(&prefix)?;
                Some(rest.split('/').next()?.to_string())
            })
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Whether a path is a directory in the container (mount points are).
    pub fn container_is_dir(&self, ns: &str, pod: &str, container: &str, path: &str) -> bool {
        let r = self.container_resolve(ns, pod, container, path);
        if let Ok(r) = &r {
            if r.mount.is_some() && r.path == "/" {
                return true;
            }
        }
        self.container_with_tree(ns, pod, container, path, |t, p| Ok(t.is_dir(p)))
            .unwrap_or(false)
    }
}

fn parent_dir(p: &str) -> String {
    match p.rfind('/') {
        Some(0) | None => "/".into(),
        Some(i) => p[..i].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_secret_data() {
        assert_eq!(base64_decode("cGFzc3dvcmQ=").as_deref(), Some("password"));
        assert_eq!(base64_decode("!!").as_deref(), None);
    }

    #[test]
    fn nginx_image_has_its_welcome_page() {
        let t = image_files("registry.k8s.io/nginx-slim:0.21");
        assert!(t
            .read("/usr/share/nginx/html/index.html")
            .unwrap()
            .contains("Welcome to nginx!"));
        assert!(image_files("busybox:1.28")
            .read("/usr/share/nginx/html/index.html")
            .is_err());
    }
}

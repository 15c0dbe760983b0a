//! The built-in image catalogue: the images of the upstream tutorials and
//! tests, and the stateful software people run in StatefulSets, each with
//! what the kubelet and the Pod shells need to behave as the real image
//! does — its tags, pull time, listening ports, how fast it becomes ready,
//! whether it handles SIGTERM, what its main process does, which shell and
//! DNS tools it carries. An image whose repository is known but whose tag is
//! not listed fails to pull (ErrImagePull, then ImagePullBackOff).

/// The family an image belongs to: decides behaviour and tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Nginx,
    /// Apache httpd: the upstream StatefulSet e2e tests' web server.
    Httpd,
    Busybox,
    Dnsutils,
    Mysql,
    Postgres,
    Redis,
    Mongo,
    Cassandra,
    Elasticsearch,
    Zookeeper,
    /// RabbitMQ (official and Bitnami images).
    RabbitMq,
    /// Apache Kafka (Apache's, Bitnami's and Confluent's images).
    Kafka,
    /// MinIO object storage, the distributed mode's peers.
    Minio,
    /// etcd run by users (not the control plane's own).
    Etcd,
    /// HashiCorp Consul servers.
    Consul,
    /// A tool image (xtrabackup, alpine, ubuntu …) that runs what it is told.
    Tool,
    /// Control-plane and add-on images of the default cluster.
    System,
}

impl Flavor {
    /// Whether the image's entrypoint runs a program it is given as
    /// arguments (`docker-entrypoint.sh` `exec "$@"` when the first argument
    /// is not its server or an option): `kubectl run c --image=nginx:alpine
    /// -- curl …` runs curl. MinIO's and Consul's entrypoints take
    /// subcommands instead (`server /data`, `agent`).
    pub fn entrypoint_runs_other_programs(self) -> bool {
        matches!(
            self,
            Flavor::Nginx
                | Flavor::Httpd
                | Flavor::Redis
                | Flavor::Postgres
                | Flavor::Mysql
                | Flavor::Mongo
        )
    }
}

/// Which `nslookup` a container has (their output formats differ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DnsTools {
    None,
    /// busybox's nslookup (1.28 format), no dig.
    Busybox,
    /// bind9 utilities: nslookup, dig, host.
    Bind,
}

#[derive(Clone, Debug)]
pub struct ImageSpec {
    /// Canonical repository (`docker.io/library/nginx`) and accepted aliases.
    pub repos: &'static [&'static str],
    /// Tags that exist. A `*` accepts digits and dots forming version
    /// components after the prefix (`1.2*` accepts `1.27.3`, `7*` accepts
    /// `7.4`); a final `**` accepts any tag characters (MinIO's
    /// `RELEASE.2024-08-17T01-24-54Z`).
    pub tags: &'static [&'static str],
    pub flavor: Flavor,
    /// Compressed size in bytes (the `Pulled` event says it).
    pub size: u64,
    /// Ports the main process listens on (TCP).
    pub listens: &'static [u16],
    /// Milliseconds from container start until the app answers on its ports.
    pub warmup_ms: u64,
    /// Whether PID 1 stops promptly on SIGTERM (a bare `sleep` does not).
    pub handles_sigterm: bool,
    /// Environment the entrypoint insists on (any one of them), and what it
    /// prints before exiting 1 when none is set.
    pub requires_env: &'static [&'static str],
    pub missing_env_log: &'static str,
    /// Whether the default command runs until stopped.
    pub long_running: bool,
    pub dns: DnsTools,
    pub has_curl: bool,
    pub has_wget: bool,
    /// Lines the main process logs when it starts.
    pub start_log: &'static [&'static str],
}

const NO_ENV: &[&str] = &[];

macro_rules! image {
    ($repos:expr, $tags:expr, $flavor:ident, $size:expr, $listens:expr, $warm:expr, $sigterm:expr, $long:expr, $dns:ident, $curl:expr, $wget:expr, $log:expr) => {
        ImageSpec {
            repos: $repos,
            tags: $tags,
            flavor: Flavor::$flavor,
            size: $size,
            listens: $listens,
            warmup_ms: $warm,
            handles_sigterm: $sigterm,
            requires_env: NO_ENV,
            missing_env_log: "",
            long_running: $long,
            dns: DnsTools::$dns,
            has_curl: $curl,
            has_wget: $wget,
            start_log: $log,
        }
    };
}

const NGINX_LOG: &[&str] = &[
    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
    "/docker-entrypoint.sh: Configuration complete; ready for start up",
];

const HTTPD_LOG: &[&str] = &[
    "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {pod-ip}. Set the 'ServerName' directive globally to suppress this message",
    "[{apache-time}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations",
    "[{apache-time}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
];

const HTTPD_E2E_LOG: &[&str] = &[
    "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {pod-ip}. Set the 'ServerName' directive globally to suppress this message",
    "[{apache-time}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.38 (Unix) configured -- resuming normal operations",
    "[{apache-time}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
];

pub static CATALOGUE: &[ImageSpec] = &[
    image!(
        &["registry.k8s.io/nginx-slim", "k8s.gcr.io/nginx-slim", "gcr.io/google_containers/nginx-slim", "gcr.io/google-containers/nginx-slim"],
        &["0.7", "0.8", "0.9", "0.10", "0.11", "0.12", "0.13", "0.14", "0.15", "0.16", "0.17", "0.18", "0.19", "0.20", "0.21", "0.22", "0.23", "0.24", "0.25", "0.26", "0.27"],
        Nginx, 18_621_409, &[80], 150, true, true, None, true, false, &[]
    ),
    image!(
        &["docker.io/library/nginx"],
        // Debian-based variants (`-bookworm`, `-trixie`, `-perl`) and Alpine
        // ones; not `-alpine-slim`, which has no curl.
        &["latest", "stable", "mainline", "alpine", "stable-alpine", "mainline-alpine", "1.1*", "1.2*", "1.2*-alpine", "bookworm", "trixie", "stable-bookworm", "mainline-bookworm", "mainline-trixie", "1.2*-bookworm", "1.2*-trixie", "perl", "stable-perl", "1.2*-perl", "1.2*-alpine-perl"],
        Nginx, 72_224_541, &[80], 200, true, true, None, true, false, NGINX_LOG
    ),
    image!(
        // The e2e image is httpd on Alpine (busybox tools), the StatefulSet
        // e2e tests' `webserverImage`.
        &["registry.k8s.io/e2e-test-images/httpd", "k8s.gcr.io/e2e-test-images/httpd", "gcr.io/kubernetes-e2e-test-images/httpd"],
        &["2.4.38-*", "2.4.39-*", "2.4.*"],
        Httpd, 40_765_006, &[80], 150, true, true, None, false, true, HTTPD_E2E_LOG
    ),
    image!(
        &["docker.io/library/httpd"],
        &["latest", "2", "2.4", "2.4.*", "alpine", "2.4-alpine", "2.4.*-alpine"],
        Httpd, 58_432_125, &[80], 150, true, true, None, false, false, HTTPD_LOG
    ),
    image!(
        // The registry.k8s.io copy is the probes tutorial's (liveness-exec).
        &["docker.io/library/busybox", "registry.k8s.io/busybox", "k8s.gcr.io/busybox", "gcr.io/google-containers/busybox", "gcr.io/google_containers/busybox"],
        &["latest", "stable", "musl", "glibc", "uclibc", "1.2*", "1.3*"],
        Busybox, 2_155_264, &[], 0, false, false, Busybox, false, true, &[]
    ),
    image!(
        // The upstream e2e tests' `imageutils.BusyBox` (1.36.1-1, 1.37.0-1).
        &["registry.k8s.io/e2e-test-images/busybox"],
        &["1.*-1", "1.*-2", "1.*-3", "1.*-4"],
        Busybox, 2_155_264, &[], 0, false, false, Busybox, false, true, &[]
    ),
    image!(
        &["registry.k8s.io/e2e-test-images/jessie-dnsutils", "k8s.gcr.io/e2e-test-images/jessie-dnsutils", "gcr.io/kubernetes-e2e-test-images/dnsutils", "docker.io/tutum/dnsutils", "registry.k8s.io/e2e-test-images/agnhost", "docker.io/nicolaka/netshoot", "docker.io/infoblox/dnstools"],
        &["latest", "1.*", "2.*", "v0.*"],
        Dnsutils, 127_448_107, &[], 0, false, true, Bind, true, true, &[]
    ),
    ImageSpec {
        requires_env: &["MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"],
        missing_env_log: "2026-01-05 09:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD",
        ..image!(&["docker.io/library/mysql"], &["latest", "lts", "oracle", "lts-oracle", "5.7*", "8.*", "9.*", "8.*-oracle", "9.*-oracle"], Mysql, 166_541_289, &[3306, 33060], 12_000, true, true, None, false, false, &["[Entrypoint]: Entrypoint script for MySQL Server started.", "[Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.3'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."])
    },
    image!(&["gcr.io/google-samples/xtrabackup"], &["1.0"], Tool, 128_203_201, &[3307], 0, true, true, None, false, false, &[]),
    ImageSpec {
        requires_env: &["POSTGRES_PASSWORD", "POSTGRES_HOST_AUTH_METHOD"],
        missing_env_log: "Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".",
        ..image!(&["docker.io/library/postgres"], &["latest", "alpine", "bookworm", "trixie", "1*", "1*-alpine", "1*-bookworm", "1*-bullseye", "1*-trixie", "1*-alpine3.19", "1*-alpine3.20", "1*-alpine3.21", "1*-alpine3.22"], Postgres, 157_013_214, &[5432], 4_000, true, true, None, false, false, &["PostgreSQL init process complete; ready for start up.", "LOG:  database system is ready to accept connections"])
    },
    image!(&["docker.io/library/redis", "docker.io/bitnami/redis"], &["latest", "alpine", "6*", "7*", "8*", "6*-alpine", "7*-alpine", "8*-alpine", "6*-bookworm", "7*-bookworm", "8*-bookworm"], Redis, 45_214_093, &[6379], 300, true, true, None, false, false, &["* Ready to accept connections tcp"]),
    // Valkey, the Linux Foundation's fork of Redis 7.2 (2024): the same
    // protocol, port and log lines, its own program names (`valkey-server`,
    // `valkey-cli`, with `redis-*` links to them) and user.
    image!(&["docker.io/valkey/valkey", "docker.io/bitnami/valkey"], &["latest", "alpine", "bookworm", "7*", "8*", "9*", "7*-alpine", "8*-alpine", "9*-alpine", "7*-bookworm", "8*-bookworm", "9*-bookworm"], Redis, 41_633_871, &[6379], 300, true, true, None, false, false, &["* Ready to accept connections tcp"]),
    image!(&["docker.io/library/mongo", "docker.io/bitnami/mongodb"], &["latest", "jammy", "noble", "4*", "5*", "6*", "7*", "8*", "6*-jammy", "7*-jammy", "8*-noble"], Mongo, 254_011_532, &[27017], 3_000, true, true, None, false, false, &["{\"t\":{\"$date\":\"2026-01-05T09:00:00.000+00:00\"},\"s\":\"I\",  \"c\":\"NETWORK\",  \"id\":23016,   \"ctx\":\"listener\",\"msg\":\"Waiting for connections\",\"attr\":{\"port\":27017,\"ssl\":\"off\"}}"]),
    image!(&["gcr.io/google-samples/cassandra", "docker.io/library/cassandra", "docker.io/bitnami/cassandra"], &["latest", "v1*", "3.*", "4.*", "5.*"], Cassandra, 151_347_110, &[7000, 7001, 7199, 9042], 45_000, true, true, None, false, false, &["INFO  [main] StorageService.java: Node /{pod-ip} state jump to NORMAL", "INFO  [main] Server.java: Starting listening for CQL clients on /0.0.0.0:9042 (unencrypted)..."]),
    image!(&["docker.elastic.co/elasticsearch/elasticsearch", "docker.io/library/elasticsearch", "docker.io/bitnami/elasticsearch"], &["7.*", "8.*", "9.*"], Elasticsearch, 694_123_552, &[9200, 9300], 25_000, true, true, None, true, false, &["\"message\":\"started\""]),
    image!(&["registry.k8s.io/kubernetes-zookeeper", "k8s.gcr.io/kubernetes-zookeeper", "gcr.io/google_containers/kubernetes-zookeeper", "docker.io/library/zookeeper", "docker.io/bitnami/zookeeper"], &["latest", "1.0-3.4.10", "3.*"], Zookeeper, 101_332_210, &[2181, 2888, 3888], 5_000, true, true, None, false, false, &["INFO  [main:QuorumPeerMain] - Starting quorum peer"]),
    ImageSpec {
        requires_env: &["POSTGRESQL_PASSWORD", "POSTGRES_PASSWORD", "ALLOW_EMPTY_PASSWORD"],
        missing_env_log: "postgresql 09:00:00.00 ERROR ==> The POSTGRESQL_PASSWORD environment variable is empty or not set. Set the environment variable ALLOW_EMPTY_PASSWORD=yes to allow the container to be started with blank passwords. This is recommended only for development.",
        ..image!(&["docker.io/bitnami/postgresql"], &["latest", "1*"], Postgres, 104_532_118, &[5432], 5_000, true, true, None, false, false, &["postgresql 09:00:05.00 INFO  ==> ** Starting PostgreSQL **", "LOG:  database system is ready to accept connections"])
    },
    image!(&["docker.io/library/rabbitmq", "docker.io/bitnami/rabbitmq"], &["latest", "management", "alpine", "management-alpine", "3*", "4*", "3*-management", "4*-management", "3*-alpine", "4*-alpine", "3*-management-alpine", "4*-management-alpine"], RabbitMq, 108_735_020, &[4369, 5672, 15672, 25672], 8_000, true, true, None, false, false, &["[info] <0.9.0> Server startup complete; 0 plugins started."]),
    image!(&["docker.io/apache/kafka", "docker.io/bitnami/kafka", "docker.io/confluentinc/cp-kafka"], &["latest", "2*", "3*", "4*", "7*"], Kafka, 205_412_533, &[9092, 9093], 6_000, true, true, None, false, false, &["[KafkaRaftServer nodeId=0] Kafka Server started (kafka.server.KafkaRaftServer)"]),
    image!(&["docker.io/minio/minio", "quay.io/minio/minio", "docker.io/bitnami/minio"], &["latest", "RELEASE.**"], Minio, 58_304_211, &[9000, 9001], 2_000, true, true, None, false, false, &["API: http://{pod-ip}:9000  http://127.0.0.1:9000"]),
    image!(&["quay.io/coreos/etcd", "gcr.io/etcd-development/etcd", "docker.io/bitnami/etcd"], &["latest", "v3.*", "3.*"], Etcd, 22_917_468, &[2379, 2380], 1_500, true, true, None, false, false, &["{\"level\":\"info\",\"msg\":\"serving client traffic insecurely; this is strongly discouraged!\",\"address\":\"[::]:2379\"}"]),
    image!(&["docker.io/hashicorp/consul", "docker.io/library/consul", "docker.io/bitnami/consul"], &["latest", "1.*"], Consul, 64_201_775, &[8300, 8301, 8302, 8500, 8600], 2_000, true, true, None, false, false, &["==> Consul agent running!"]),
    image!(&["docker.io/library/alpine", "docker.io/library/ubuntu", "docker.io/library/debian", "docker.io/curlimages/curl"], &["latest", "3*", "2*", "1*", "bookworm", "bullseye", "noble", "jammy"], Tool, 3_652_488, &[], 0, false, false, None, true, true, &[]),
    image!(&["registry.k8s.io/pause"], &["3.*"], System, 321_520, &[], 0, true, true, None, false, false, &[]),
    // CoreDNS answers DNS over TCP as well as UDP (`nc -z kube-dns.kube-system
    // 53`); its health, ready and metrics endpoints are not simulated.
    image!(&["registry.k8s.io/coredns/coredns"], &["*"], System, 20_000_000, &[53], 0, true, true, None, false, false, &[]),
    image!(&["registry.k8s.io/etcd", "registry.k8s.io/kube-apiserver", "registry.k8s.io/kube-controller-manager", "registry.k8s.io/kube-scheduler", "registry.k8s.io/kube-proxy", "docker.io/kindest/kindnetd", "docker.io/kindest/local-path-provisioner"], &["*"], System, 20_000_000, &[], 0, true, true, None, false, false, &[]),
];

/// Whether a Redis-flavoured image is Valkey's, whose programs and user are
/// named `valkey` where Redis's say `redis`.
pub fn is_valkey(image: &str) -> bool {
    is_valkey_repository(&ImageRef::parse(image).repository)
}

/// `is_valkey` for a repository already parsed (`docker.io/valkey/valkey`).
pub fn is_valkey_repository(repository: &str) -> bool {
    repository.ends_with("/valkey")
}

/// Whether the image's userland is busybox (busybox itself, alpine-based
/// images): its applets, its `/etc/passwd` and `/etc/group`.
pub fn busybox_based(image: &str, flavor: Flavor) -> bool {
    let r = ImageRef::parse(image);
    flavor == Flavor::Busybox
        || r.repository.ends_with("/alpine")
        || r.repository.ends_with("curlimages/curl")
        || r.repository.ends_with("nicolaka/netshoot")
        || r.tag.contains("alpine")
        || r.repository.ends_with("e2e-test-images/httpd")
}

/// A parsed image reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// `docker.io/library/nginx`.
    pub repository: String,
    /// `1.27` (or `latest`), empty when pinned by digest only.
    pub tag: String,
    pub digest: Option<String>,
}

impl ImageRef {
    /// Normalizes as containerd does: `nginx` → `docker.io/library/nginx:latest`.
    pub fn parse(image: &str) -> ImageRef {
        let (name, digest) = match image.split_once('@') {
            Some((n, d)) => (n, Some(d.to_string())),
            None => (image, None),
        };
        let last_slash = name.rfind('/').map_or(0, |i| i + 1);
        let (repo, tag) = match name[last_slash..].rfind(':') {
            Some(i) => (
                &name[..last_slash + i],
                name[last_slash + i + 1..].to_string(),
            ),
            None => (
                name,
                if digest.is_some() {
                    String::new()
                } else {
                    "latest".to_string()
                },
            ),
        };
        let first = repo.split('/').next().unwrap_or("");
        let has_registry = repo.contains('/')
            && (first.contains('.') || first.contains(':') || first == "localhost");
        let repository = if has_registry {
            repo.to_string()
        } else if repo.contains('/') {
            format!("docker.io/{repo}")
        } else {
            format!("docker.io/library/{repo}")
        };
        ImageRef {
            repository,
            tag,
            digest,
        }
    }

    /// `docker.io/library/nginx:1.27`, as pull messages name it.
    pub fn full(&self) -> String {
        match (&self.digest, self.tag.is_empty()) {
            (Some(d), true) => format!("{}@{d}", self.repository),
            (Some(d), false) => format!("{}:{}@{d}", self.repository, self.tag),
            (None, _) => format!("{}:{}", self.repository, self.tag),
        }
    }
}

fn tag_matches(pattern: &str, tag: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    match pattern.split_once('*') {
        None => pattern == tag,
        Some((prefix, "*")) => tag.strip_prefix(prefix).is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        }),
        Some((prefix, suffix)) => {
            let Some(rest) = tag.strip_prefix(prefix) else {
                return false;
            };
            let Some(middle) = rest.strip_suffix(suffix) else {
                return false;
            };
            // Digits and dots forming version components: `7*` accepts `7`,
            // `7.4` and `7.4.1`; no empty component (`7..4`, `7.`, or `3.`
            // for `3.*`).
            middle.chars().all(|c| c.is_ascii_digit() || c == '.')
                && !middle.contains("..")
                && !middle.ends_with('.')
                && !(prefix.ends_with('.') && (middle.is_empty() || middle.starts_with('.')))
        }
    }
}

/// Why a pull fails, in containerd's words (as kind's kubelet reports them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PullError {
    /// The repository exists but the tag does not.
    TagNotFound,
    /// The repository is unknown to the catalogue (treated as not existing).
    RepositoryNotFound,
    /// The user made pulls of this image fail (`sim image broken`).
    Broken,
}

impl PullError {
    /// The `Failed` event message (after `Failed to pull image "…": `).
    pub fn message(&self, image: &str, r: &ImageRef) -> String {
        let full = r.full();
        match self {
            PullError::TagNotFound => format!(
                "failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found"
            ),
            PullError::RepositoryNotFound => format!(
                "failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
            ),
            PullError::Broken => format!("failed to pull and unpack image \"{full}\": failed to copy: httpReadSeeker: failed open: unexpected status code {image}: 500 Internal Server Error"),
        }
    }
}

/// The first container of a Pod that runs an image of this flavor (the
/// ZooKeeper or Cassandra server of a Pod).
pub fn container_of(
    pod: &crate::engine::objects::Pod,
    flavor: Flavor,
) -> Option<&crate::engine::objects::Container> {
    pod.spec
        .containers
        .iter()
        .find(|c| lookup(&c.image).is_ok_and(|s| s.flavor == flavor))
}

/// Where a Bitnami repository sits in Bitnami's catalogue as it has been
/// since September 2025 (bitnami/containers#83267): the versioned tags moved
/// from `docker.io/bitnami/*` to the frozen `docker.io/bitnamilegacy/*`, and
/// `docker.io/bitnami/*` (like `docker.io/bitnamisecure/*`) keeps `latest`
/// only. A chart or manifest pinned to `bitnami/postgresql:16.4.0` now
/// fails with ErrImagePull on a real cluster, and so it does here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BitnamiCatalogue {
    /// `docker.io/bitnami/<app>` or `docker.io/bitnamisecure/<app>`.
    LatestOnly,
    /// `docker.io/bitnamilegacy/<app>`: every versioned tag of before.
    Legacy,
}

/// The Bitnami catalogue a repository belongs to, and the application's
/// name in it (`postgresql`).
pub fn bitnami_catalogue(repository: &str) -> Option<(BitnamiCatalogue, &str)> {
    let (org, app) = repository.strip_prefix("docker.io/")?.split_once('/')?;
    match org {
        "bitnami" | "bitnamisecure" => Some((BitnamiCatalogue::LatestOnly, app)),
        "bitnamilegacy" => Some((BitnamiCatalogue::Legacy, app)),
        _ => None,
    }
}

/// Whether an image is one of Bitnami's (they run as user 1001 and keep
/// their own layout), whichever of its catalogues it comes from.
pub fn is_bitnami(image: &str) -> bool {
    bitnami_catalogue(&ImageRef::parse(image).repository).is_some()
}

/// A Bitnami tag without its distribution suffix: `16.4.0-debian-12-r0`
/// and `16.4.0-debian-12` are builds of `16.4.0`.
fn bitnami_version(tag: &str) -> &str {
    let Some((version, distro)) = tag.split_once("-debian-") else {
        return tag;
    };
    let (release, revision) = distro.split_once("-r").unwrap_or((distro, "0"));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(release) && digits(revision) {
        version
    } else {
        tag
    }
}

/// Looks an image up in the catalogue.
pub fn lookup(image: &str) -> Result<&'static ImageSpec, PullError> {
    let r = ImageRef::parse(image);
    let bitnami = bitnami_catalogue(&r.repository);
    // The catalogue lists Bitnami images under `docker.io/bitnami/<app>`.
    let listed: std::borrow::Cow<str> = match bitnami {
        Some((_, app)) => format!("docker.io/bitnami/{app}").into(),
        None => r.repository.as_str().into(),
    };
    let spec = CATALOGUE
        .iter()
        .find(|s| s.repos.contains(&listed.as_ref()))
        .ok_or(PullError::RepositoryNotFound)?;
    let tag = match bitnami {
        Some((BitnamiCatalogue::LatestOnly, _)) if !matches!(r.tag.as_str(), "" | "latest") => {
            return Err(PullError::TagNotFound);
        }
        Some(_) => bitnami_version(&r.tag),
        None => r.tag.as_str(),
    };
    if tag.is_empty() || spec.tags.iter().any(|p| tag_matches(p, tag)) {
        Ok(spec)
    } else {
        Err(PullError::TagNotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_normalize_like_containerd() {
        assert_eq!(
            ImageRef::parse("nginx").full(),
            "docker.io/library/nginx:latest"
        );
        assert_eq!(
            ImageRef::parse("bitnami/redis:7.2").full(),
            "docker.io/bitnami/redis:7.2"
        );
        assert_eq!(
            ImageRef::parse("registry.k8s.io/nginx-slim:0.21").full(),
            "registry.k8s.io/nginx-slim:0.21"
        );
        assert_eq!(
            ImageRef::parse("localhost:5000/app").full(),
            "localhost:5000/app:latest"
        );
    }

    #[test]
    fn tutorial_images_resolve_and_unknown_tags_fail() {
        assert_eq!(
            lookup("registry.k8s.io/nginx-slim:0.21").unwrap().flavor,
            Flavor::Nginx
        );
        assert_eq!(
            lookup("registry.k8s.io/nginx-slim:0.24").unwrap().flavor,
            Flavor::Nginx
        );
        assert_eq!(lookup("busybox:1.28").unwrap().dns, DnsTools::Busybox);
        assert_eq!(lookup("nginx:1.27.3").unwrap().flavor, Flavor::Nginx);
        assert_eq!(
            lookup("registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10")
                .unwrap()
                .flavor,
            Flavor::Zookeeper
        );
        assert_eq!(lookup("mysql:5.7").unwrap().flavor, Flavor::Mysql);
        assert_eq!(
            lookup("gcr.io/google-samples/cassandra:v13")
                .unwrap()
                .flavor,
            Flavor::Cassandra
        );
        assert_eq!(
            lookup("registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3")
                .unwrap()
                .dns,
            DnsTools::Bind
        );
        assert_eq!(
            lookup("nginx:does-not-exist").unwrap_err(),
            PullError::TagNotFound
        );
        assert_eq!(
            lookup("registry.k8s.io/nginx-slim:0.99").unwrap_err(),
            PullError::TagNotFound
        );
        assert_eq!(
            lookup("example.com/nope:1").unwrap_err(),
            PullError::RepositoryNotFound
        );
    }

    /// A pattern like `7*` accepts a minor version right after the prefix:
    /// `redis:7.4`, `postgres:16.4-alpine`, `mongo:7.0`.
    #[test]
    fn star_patterns_accept_a_dot_after_the_prefix() {
        assert!(tag_matches("7*", "7.4"));
        assert!(tag_matches("7*", "7"));
        assert!(tag_matches("7*", "7.4.1"));
        assert!(tag_matches("1*-alpine", "16.4-alpine"));
        assert_eq!(lookup("redis:7.4").unwrap().flavor, Flavor::Redis);
        assert_eq!(lookup("postgres:16.4").unwrap().flavor, Flavor::Postgres);
        assert_eq!(lookup("mongo:7.0").unwrap().flavor, Flavor::Mongo);
        // Still no empty or non-numeric components.
        assert!(!tag_matches("7*", "7..4"));
        assert!(!tag_matches("7*", "7.4."));
        assert!(!tag_matches("7*", "7.x"));
        assert!(!tag_matches("3.*", "3."));
        assert!(!tag_matches("3.*", "3..1"));
        assert!(tag_matches("3.*", "3.9"));
        assert_eq!(lookup("redis:7.x").unwrap_err(), PullError::TagNotFound);
    }

    /// The official images' distribution variants people pin.
    #[test]
    fn official_distribution_variants_resolve() {
        for image in [
            "postgres:17-bookworm",
            "postgres:16.4-bullseye",
            "postgres:17-alpine3.21",
            "nginx:1.27-bookworm",
            "nginx:1.29-trixie",
            "nginx:stable-perl",
            "mysql:8.4-oracle",
            "mongo:7.0-jammy",
            "mongo:8.0-noble",
        ] {
            assert!(lookup(image).is_ok(), "{image}");
        }
        for image in [
            "postgres:17-buster9",
            "mongo:8.0-jammy2",
            "nginx:1.27-alpine-slim",
        ] {
            assert_eq!(
                lookup(image).unwrap_err(),
                PullError::TagNotFound,
                "{image}"
            );
        }
    }

    /// Since September 2025 `docker.io/bitnami/*` keeps `latest` only and
    /// the versioned tags live on in `docker.io/bitnamilegacy/*`, with and
    /// without their `-debian-NN-rNN` build suffix.
    #[test]
    fn bitnami_versioned_tags_moved_to_bitnamilegacy() {
        assert_eq!(
            lookup("bitnami/postgresql:16.4.0").unwrap_err(),
            PullError::TagNotFound
        );
        assert_eq!(
            lookup("docker.io/bitnami/redis:7.4.1-debian-12-r3").unwrap_err(),
            PullError::TagNotFound
        );
        assert_eq!(
            lookup("bitnamisecure/kafka:3.7").unwrap_err(),
            PullError::TagNotFound
        );
        assert_eq!(
            lookup("bitnami/postgresql").unwrap().flavor,
            Flavor::Postgres
        );
        assert_eq!(
            lookup("bitnamisecure/redis:latest").unwrap().flavor,
            Flavor::Redis
        );
        assert_eq!(
            lookup("bitnamilegacy/postgresql:16.4.0").unwrap().flavor,
            Flavor::Postgres
        );
        assert_eq!(
            lookup("bitnamilegacy/postgresql:16.4.0-debian-12-r0")
                .unwrap()
                .requires_env,
            lookup("bitnami/postgresql:latest").unwrap().requires_env
        );
        assert_eq!(
            lookup("bitnamilegacy/kafka:3.7.0-debian-12")
                .unwrap()
                .flavor,
            Flavor::Kafka
        );
        // The suffix is a build of a version, not a version of its own.
        assert_eq!(
            lookup("bitnamilegacy/redis:7.4-debian-x").unwrap_err(),
            PullError::TagNotFound
        );
        assert_eq!(
            lookup("bitnamilegacy/nosuchapp:1.0").unwrap_err(),
            PullError::RepositoryNotFound
        );
        assert!(is_bitnami("bitnamilegacy/etcd:3.5.17"));
        assert!(is_bitnami("docker.io/bitnami/etcd"));
        assert!(!is_bitnami("quay.io/coreos/etcd:v3.5.17"));
    }
}

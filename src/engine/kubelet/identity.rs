//! Who a container's first process runs as: the runtime's rules over the
//! Pod's `securityContext` and the image's `USER`, `/etc/passwd` and
//! `/etc/group`. The kubelet reports it (`status.containerStatuses[].user`,
//! SupplementalGroupsPolicy, on by default since 1.33) and the console's
//! `id` / `whoami` print it, so both read this one implementation.
//!
//! The rules (containerd's `WithUser` / `WithAdditionalGIDs`, the kubelet's
//! `runAsUser` / `runAsGroup` / `fsGroup` / `supplementalGroups`): the
//! container's `runAsUser` / `runAsGroup` over the Pod's, else the image's
//! `USER`; without `runAsGroup` the primary group is the user's in the
//! image's `/etc/passwd` (0 when the user has no entry); the supplementary
//! groups are the primary one, the image's `/etc/group` memberships,
//! `fsGroup` and `supplementalGroups`, sorted as the kernel keeps them.

use crate::engine::images::{self, Flavor};
use crate::engine::objects::Value;

/// The credentials of a container's processes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub uid: i64,
    pub gid: i64,
    /// Sorted, without duplicates, including `gid`.
    pub groups: Vec<i64>,
}

/// What the simulation knows of an image's user database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accounts {
    flavor: Flavor,
    /// busybox's `/etc/passwd` and `/etc/group` (busybox, alpine-based).
    busybox: bool,
    /// Bitnami's images: `USER 1001`, no passwd entry of their own.
    bitnami: bool,
    /// The account the image creates for its server: (uid, name, gid).
    service: Option<(i64, &'static str, i64)>,
}

/// The account an official server image creates for its server (its
/// Dockerfile's `useradd`/`adduser`), which its `docker-entrypoint.sh`
/// switches to before starting the server. Alpine variants differ:
/// postgres is uid 70 there, and redis's group is 1000.
fn service_account(
    image: &str,
    repository: &str,
    flavor: Flavor,
    busybox: bool,
) -> Option<(i64, &'static str, i64)> {
    Some(match flavor {
        Flavor::Postgres if busybox => (70, "postgres", 70),
        Flavor::Postgres => (999, "postgres", 999),
        Flavor::Mysql => (999, "mysql", 999),
        Flavor::Redis if images::is_valkey_repository(repository) => {
            (999, "valkey", if busybox { 1000 } else { 999 })
        }
        Flavor::Redis => (999, "redis", if busybox { 1000 } else { 999 }),
        Flavor::Mongo => (999, "mongodb", 999),
        Flavor::Elasticsearch => (1000, "elasticsearch", 1000),
        // The official image's `useradd … -u 101 nginx`; nginx-slim is
        // taken to have the same worker account.
        Flavor::Nginx => (101, "nginx", 101),
        // The ZooKeeper tutorial's image: `useradd zookeeper` (uid 1000),
        // which its manifest's runAsUser and fsGroup name.
        Flavor::Zookeeper if crate::engine::containerfs::is_zookeeper_tutorial(image) => {
            (1000, "zookeeper", 1000)
        }
        _ => return None,
    })
}

impl Accounts {
    /// The accounts of `image` (`busybox` as `images::busybox_based` says).
    pub fn of(image: &str, flavor: Flavor, busybox: bool) -> Accounts {
        let repository = images::ImageRef::parse(image).repository;
        Accounts {
            flavor,
            busybox,
            bitnami: images::bitnami_catalogue(&repository).is_some(),
            service: service_account(image, &repository, flavor, busybox),
        }
    }

    /// The image's `USER` (uid, gid), from its Dockerfile.
    pub fn image_user(&self) -> (i64, i64) {
        if self.bitnami {
            // Bitnami's images end in `USER 1001` (no passwd entry, group root).
            return (1001, 0);
        }
        match self.flavor {
            // `USER 1000:0` in Elastic's Dockerfile.
            Flavor::Elasticsearch => (1000, 0),
            _ => (0, 0),
        }
    }

    /// The image's `/etc/passwd`: (uid, name, primary gid).
    pub fn passwd(&self) -> Vec<(i64, &'static str, i64)> {
        let mut v = vec![(0, "root", 0)];
        if self.bitnami {
            return v;
        }
        v.extend(self.service);
        v.push((65534, "nobody", 65534));
        v
    }

    /// Who the image's entrypoint runs its server as when it starts as
    /// root: the official database images' `docker-entrypoint.sh` steps
    /// down to their account (`gosu`, `su-exec`) before `exec`ing the
    /// server; nginx and the others keep root for PID 1.
    pub fn server_uid(&self) -> Option<i64> {
        match self.flavor {
            Flavor::Postgres | Flavor::Mysql | Flavor::Redis | Flavor::Mongo if !self.bitnami => {
                self.service.map(|(uid, _, _)| uid)
            }
            _ => None,
        }
    }

    /// A user's entry in `/etc/passwd` by name: its uid and primary group.
    pub fn by_name(&self, name: &str) -> Option<(i64, i64)> {
        self.passwd()
            .into_iter()
            .find(|(_, n, _)| *n == name)
            .map(|(u, _, g)| (u, g))
    }

    /// A user's entry in `/etc/passwd`: its name and primary group.
    pub fn user(&self, uid: i64) -> Option<(&'static str, i64)> {
        self.passwd()
            .into_iter()
            .find(|(u, _, _)| *u == uid)
            .map(|(_, n, g)| (n, g))
    }

    pub fn user_name(&self, uid: i64) -> Option<&'static str> {
        self.user(uid).map(|(n, _)| n)
    }

    /// The image's `/etc/group` names.
    pub fn group_name(&self, gid: i64) -> Option<&'static str> {
        match gid {
            0 => Some("root"),
            10 if self.busybox => Some("wheel"),
            65534 => Some("nogroup"),
            _ => self
                .passwd()
                .into_iter()
                .find(|(_, _, g)| *g == gid)
                .map(|(_, n, _)| n),
        }
    }

    /// The groups `/etc/group` lists `uid` as a member of (busybox's
    /// `wheel:x:10:root`), the primary group first.
    pub fn memberships(&self, uid: i64, gid: i64) -> Vec<i64> {
        let mut groups = vec![gid];
        if uid == 0 && self.busybox {
            groups.push(10);
        }
        groups
    }
}

fn int(v: Option<&Value>, key: &str) -> Option<i64> {
    v.and_then(|s| s.get(key)).and_then(Value::as_i64)
}

/// The identity a container starts with: its `securityContext` over the
/// Pod's (`pod_sc`), over the image's accounts.
pub fn identity(acc: &Accounts, pod_sc: Option<&Value>, ctr_sc: Option<&Value>) -> Identity {
    let pick = |key: &str| int(ctr_sc, key).or_else(|| int(pod_sc, key));
    let (img_uid, img_gid) = acc.image_user();
    let run_as_user = pick("runAsUser");
    let uid = run_as_user.unwrap_or(img_uid);
    let gid = match (pick("runAsGroup"), run_as_user) {
        (Some(g), _) => g,
        (None, Some(u)) => acc.user(u).map_or(0, |(_, g)| g),
        (None, None) => img_gid,
    };
    let mut groups = acc.memberships(uid, gid);
    groups.extend(int(pod_sc, "fsGroup"));
    if let Some(Value::Array(extra)) = pod_sc.and_then(|s| s.get("supplementalGroups")) {
        groups.extend(extra.iter().filter_map(Value::as_i64));
    }
    groups.sort_unstable();
    groups.dedup();
    Identity { uid, gid, groups }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn acc(image: &str, flavor: Flavor, busybox: bool) -> Accounts {
        Accounts::of(image, flavor, busybox)
    }

    /// The security-context task's example (kubernetes/website
    /// `security-context.md`): runAsUser 1000, runAsGroup 3000, fsGroup 2000
    /// give `groups=2000,3000` plus the image's root-less memberships.
    #[test]
    fn pod_security_context_sets_user_group_and_extra_groups() {
        let sc = json!({"runAsUser": 1000, "runAsGroup": 3000, "fsGroup": 2000, "supplementalGroups": [4000]});
        let id = identity(&acc("busybox:1.28", Flavor::Busybox, true), Some(&sc), None);
        assert_eq!((id.uid, id.gid), (1000, 3000));
        assert_eq!(id.groups, vec![2000, 3000, 4000]);
    }

    #[test]
    fn container_context_wins_and_passwd_gives_the_primary_group() {
        let pod = json!({"runAsUser": 1000});
        let ctr = json!({"runAsUser": 999});
        let pg = acc("postgres:16.4", Flavor::Postgres, false);
        let id = identity(&pg, Some(&pod), Some(&ctr));
        assert_eq!((id.uid, id.gid, id.groups.clone()), (999, 999, vec![999]));
        // No entry for the uid: group root.
        let id = identity(&pg, Some(&pod), None);
        assert_eq!((id.uid, id.gid), (1000, 0));
    }

    #[test]
    fn image_user_applies_without_a_security_context() {
        let es = acc(
            "docker.elastic.co/elasticsearch/elasticsearch:8.15.0",
            Flavor::Elasticsearch,
            false,
        );
        assert_eq!(identity(&es, None, None).uid, 1000);
        let bb = acc("busybox:1.36", Flavor::Busybox, true);
        assert_eq!(identity(&bb, None, None).groups, vec![0, 10]);
        let bit = acc("docker.io/bitnamilegacy/redis:7.4", Flavor::Redis, false);
        assert_eq!(
            identity(&bit, None, None),
            Identity {
                uid: 1001,
                gid: 0,
                groups: vec![0]
            }
        );
    }

    /// The accounts of the official images, Debian and Alpine variants.
    #[test]
    fn server_images_have_their_own_accounts() {
        let user = |image: &str, flavor: Flavor, busybox: bool, name: &str| {
            let a = acc(image, flavor, busybox);
            a.passwd().into_iter().find(|(_, n, _)| *n == name)
        };
        assert_eq!(
            user("postgres:17", Flavor::Postgres, false, "postgres"),
            Some((999, "postgres", 999))
        );
        assert_eq!(
            user("postgres:17-alpine", Flavor::Postgres, true, "postgres"),
            Some((70, "postgres", 70))
        );
        assert_eq!(
            user("redis:7.4-alpine", Flavor::Redis, true, "redis"),
            Some((999, "redis", 1000))
        );
        assert_eq!(
            user("valkey/valkey:8", Flavor::Redis, false, "valkey"),
            Some((999, "valkey", 999))
        );
        assert_eq!(
            user("nginx:1.27", Flavor::Nginx, false, "nginx"),
            Some((101, "nginx", 101))
        );
        assert_eq!(
            user("bitnamilegacy/redis:7.4", Flavor::Redis, false, "redis"),
            None
        );
        let redis = acc("redis:7.4-alpine", Flavor::Redis, true);
        assert_eq!(redis.group_name(1000), Some("redis"));
        assert_eq!(redis.server_uid(), Some(999));
        assert_eq!(redis.by_name("redis"), Some((999, 1000)));
        assert_eq!(acc("nginx:1.27", Flavor::Nginx, false).server_uid(), None);
    }
}

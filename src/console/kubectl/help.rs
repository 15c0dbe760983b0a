//! The whole `--help` of kubectl's commands: description, examples, options
//! and usage, as the kubectl client prints them (the texts in `help/` are
//! the kubectl 1.33 client's, the newest installed where they were taken,
//! with what 1.35 changed read from its source and written as cobra
//! renders it: `wait` no longer experimental, `top`'s description and
//! `--show-swap`, `autoscale`'s `--cpu` and `--memory` (the deprecated
//! `--cpu-percent` hidden), `api-resources`' JSON and YAML, `get
//! --ignore-not-found`, `config set-context -n`; `explain`, `debug`,
//! `attach` and `expose` keep theirs beside their code).
//!
//! `options` is the global flags as `kubectl options` lists them for the
//! workstation's user (`--cache-dir` under `/home/learner`).
//!
//! A command is its path as cobra names it (`rollout status`,
//! `create service clusterip`); a subcommand without a text of its own
//! falls back to its parent's.

use crate::console::sh::Io;

/// The `--help` of a command path, if Ordinal has it.
pub(super) fn text(command: &str) -> Option<&'static str> {
    Some(match command {
        "alpha" => include_str!("help/alpha.txt"),
        "annotate" => include_str!("help/annotate.txt"),
        "api-resources" => include_str!("help/api-resources.txt"),
        "api-versions" => include_str!("help/api-versions.txt"),
        "apply" => include_str!("help/apply.txt"),
        "auth can-i" => include_str!("help/auth-can-i.txt"),
        "auth whoami" => include_str!("help/auth-whoami.txt"),
        "auth" => include_str!("help/auth.txt"),
        "autoscale" => include_str!("help/autoscale.txt"),
        "certificate" => include_str!("help/certificate.txt"),
        "cluster-info" => include_str!("help/cluster-info.txt"),
        "completion" => include_str!("help/completion.txt"),
        "config" => include_str!("help/config.txt"),
        "config current-context" => include_str!("help/config-current-context.txt"),
        "config get-contexts" => include_str!("help/config-get-contexts.txt"),
        "config set-context" => include_str!("help/config-set-context.txt"),
        "config use-context" | "config use" => include_str!("help/config-use-context.txt"),
        "config view" => include_str!("help/config-view.txt"),
        "cordon" => include_str!("help/cordon.txt"),
        "cp" => include_str!("help/cp.txt"),
        "create configmap" => include_str!("help/create-configmap.txt"),
        "create deployment" => include_str!("help/create-deployment.txt"),
        "create namespace" => include_str!("help/create-namespace.txt"),
        "create poddisruptionbudget" => include_str!("help/create-poddisruptionbudget.txt"),
        "create priorityclass" => include_str!("help/create-priorityclass.txt"),
        "create secret generic" => include_str!("help/create-secret-generic.txt"),
        "create secret" => include_str!("help/create-secret.txt"),
        "create service clusterip" => include_str!("help/create-service-clusterip.txt"),
        "create service loadbalancer" => include_str!("help/create-service-loadbalancer.txt"),
        "create service nodeport" => include_str!("help/create-service-nodeport.txt"),
        "create service" => include_str!("help/create-service.txt"),
        "create serviceaccount" => include_str!("help/create-serviceaccount.txt"),
        "create" => include_str!("help/create.txt"),
        "delete" => include_str!("help/delete.txt"),
        "describe" => include_str!("help/describe.txt"),
        "diff" => include_str!("help/diff.txt"),
        "drain" => include_str!("help/drain.txt"),
        "edit" => include_str!("help/edit.txt"),
        "events" => include_str!("help/events.txt"),
        "exec" => include_str!("help/exec.txt"),
        "get" => include_str!("help/get.txt"),
        "kustomize" => include_str!("help/kustomize.txt"),
        "label" => include_str!("help/label.txt"),
        "logs" => include_str!("help/logs.txt"),
        "patch" => include_str!("help/patch.txt"),
        "plugin" => include_str!("help/plugin.txt"),
        "port-forward" => include_str!("help/port-forward.txt"),
        "proxy" => include_str!("help/proxy.txt"),
        "replace" => include_str!("help/replace.txt"),
        "rollout history" => include_str!("help/rollout-history.txt"),
        "rollout pause" => include_str!("help/rollout-pause.txt"),
        "rollout restart" => include_str!("help/rollout-restart.txt"),
        "rollout resume" => include_str!("help/rollout-resume.txt"),
        "rollout status" => include_str!("help/rollout-status.txt"),
        "rollout undo" => include_str!("help/rollout-undo.txt"),
        "rollout" => include_str!("help/rollout.txt"),
        "run" => include_str!("help/run.txt"),
        "scale" => include_str!("help/scale.txt"),
        "set env" => include_str!("help/set-env.txt"),
        "set image" => include_str!("help/set-image.txt"),
        "set resources" => include_str!("help/set-resources.txt"),
        "set selector" => include_str!("help/set-selector.txt"),
        "set serviceaccount" => include_str!("help/set-serviceaccount.txt"),
        "set" => include_str!("help/set.txt"),
        "taint" => include_str!("help/taint.txt"),
        "top node" => include_str!("help/top-node.txt"),
        "top pod" => include_str!("help/top-pod.txt"),
        "top" => include_str!("help/top.txt"),
        "uncordon" => include_str!("help/uncordon.txt"),
        "version" => include_str!("help/version.txt"),
        "wait" => include_str!("help/wait.txt"),
        "help" => include_str!("help/help.txt"),
        "options" => include_str!("help/options.txt"),
        "explain" => super::explain::HELP,
        "debug" => super::debug::HELP,
        "attach" => super::attach::HELP,
        "expose" => super::expose::HELP,
        _ => return None,
    })
}

/// `cmdutil.DefaultSubCommandRun`: a group command run without a
/// subcommand prints its help on stderr and exits 1.
pub(super) fn without_subcommand(ctx: &mut super::Ctx, command: &str) -> i32 {
    ctx.err(text(command).unwrap_or_default());
    1
}

/// `kubectl VERB` with nothing after it, for the verbs Ordinal does not
/// run: `certificate` and `alpha` have no `Run` (cobra prints their help
/// and exits 0), `plugin` is `DefaultSubCommandRun`,
/// `completion` needs a shell.
pub(super) fn bare(verb: &str, io: &mut Io) -> Option<i32> {
    match verb {
        "certificate" => {
            io.out(text(verb)?);
            Some(0)
        }
        "plugin" => {
            io.err(text(verb)?);
            Some(1)
        }
        // `kuberc` is its subcommand since 1.35: alpha has no Run, so
        // cobra prints its help.
        "alpha" => {
            io.out(text(verb)?);
            Some(0)
        }
        "completion" => {
            io.err(
                "error: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n",
            );
            Some(1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_verb_has_its_whole_help() {
        for v in super::super::VERBS {
            assert!(super::text(v.name).is_some(), "kubectl {} --help", v.name);
        }
    }
}

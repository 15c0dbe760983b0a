//! Conditions on Services, their EndpointSlices and the cluster DNS as a
//! Pod's resolver sees it (search list and ndots included).

use serde::{Deserialize, Serialize};

use super::{default_ns, is_ready, names, set_pods, yes, Ctx};
use crate::engine::dns::QType;
use crate::lessons::text::Text;

fn fail<T>(en: String, pt: String) -> Result<T, Text> {
    Err(Text::new(en, pt))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceCond {
    pub name: String,
    #[serde(default = "default_ns")]
    pub ns: String,
    #[serde(default = "yes")]
    pub exists: bool,
    /// `clusterIP: None`.
    pub headless: Option<bool>,
    pub publish_not_ready: Option<bool>,
    /// Exactly these Pods are endpoints of the Service's EndpointSlices.
    pub endpoints: Option<Vec<String>>,
}

impl ServiceCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let n = &self.name;
        let Some(s) = cx.engine.store().services.get(&self.ns, n) else {
            return if self.exists {
                fail(
                    format!("Service {n} does not exist yet."),
                    format!("O Service {n} ainda não existe."),
                )
            } else {
                Ok(())
            };
        };
        if !self.exists {
            return fail(
                format!("Service {n} still exists."),
                format!("O Service {n} ainda existe."),
            );
        }
        if let Some(want) = self.headless {
            let ip = s.spec.cluster_ip.clone().unwrap_or_default();
            if want && !s.is_headless() {
                return fail(
                    format!("Service {n} has the cluster IP {ip}; a headless Service sets clusterIP: None."),
                    format!("O Service {n} tem o IP de cluster {ip}; um Headless Service define clusterIP: None."),
                );
            }
            if !want && s.is_headless() {
                return fail(
                    format!("Service {n} is headless (clusterIP: None)."),
                    format!("O Service {n} é headless (clusterIP: None)."),
                );
            }
        }
        if let Some(want) = self.publish_not_ready {
            if s.publish_not_ready() != want {
                return fail(
                    format!("Service {n} does not have publishNotReadyAddresses: {want} yet."),
                    format!("O Service {n} ainda não tem publishNotReadyAddresses: {want}."),
                );
            }
        }
        if let Some(want) = &self.endpoints {
            let mut have: Vec<String> = cx
                .engine
                .store()
                .endpoint_slices
                .in_namespace(&self.ns)
                .filter(|sl| {
                    sl.metadata
                        .labels
                        .get("kubernetes.io/service-name")
                        .map(|v| v.as_str())
                        == Some(n.as_str())
                })
                .flat_map(|sl| sl.endpoints.iter().flatten())
                .filter_map(|e| e.target_ref.as_ref().map(|t| t.name.to_string()))
                .collect();
            crate::sort::sort(&mut have);
            have.dedup();
            let mut want = want.clone();
            crate::sort::sort(&mut want);
            if have != want {
                let (h, w) = (names(&have), names(&want));
                return fail(
                    format!(
                        "The EndpointSlices of {n} list {}; this step needs {}.",
                        h.en, w.en
                    ),
                    format!(
                        "Os EndpointSlices de {n} listam {}; este passo precisa de {}.",
                        h.pt_br, w.pt_br
                    ),
                );
            }
        }
        Ok(())
    }
}

fn default_qtype() -> String {
    "A".to_string()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DnsCond {
    /// The name as typed in a Pod (`nginx`, `web-0.nginx`, an FQDN …).
    pub name: String,
    /// The namespace of the Pod that asks (its search list).
    #[serde(default = "default_ns")]
    pub from: String,
    /// The namespace of the Pods named below.
    #[serde(default = "default_ns")]
    pub ns: String,
    #[serde(default = "default_qtype", rename = "type")]
    pub qtype: String,
    /// Answers exactly the IPs of the set's Ready Pods (NXDOMAIN if none).
    pub ready: Option<String>,
    /// Answers exactly the IPs of all the set's Pods that have one.
    pub all: Option<String>,
    /// Answers exactly this Pod's IP.
    pub pod: Option<String>,
    /// Answers exactly this Service's cluster IP.
    pub cluster_ip: Option<String>,
    pub nxdomain: Option<bool>,
    /// The number of records in the answer (SRV lookups).
    pub count: Option<usize>,
}

impl DnsCond {
    fn expected(&self, cx: &Ctx<'_>) -> Result<Option<(Vec<String>, Text)>, Text> {
        let ips = |ready_only: bool, set: &str| -> Vec<String> {
            set_pods(cx.engine, &self.ns, set)
                .iter()
                .filter(|(_, p)| !p.status.pod_ip.is_empty() && (!ready_only || is_ready(p)))
                .map(|(_, p)| p.status.pod_ip.to_string())
                .collect()
        };
        if let Some(set) = &self.ready {
            return Ok(Some((
                ips(true, set),
                Text::new(
                    format!("the Ready Pods of {set}"),
                    format!("os Pods prontos de {set}"),
                ),
            )));
        }
        if let Some(set) = &self.all {
            return Ok(Some((
                ips(false, set),
                Text::new(
                    format!("all the Pods of {set}"),
                    format!("todos os Pods de {set}"),
                ),
            )));
        }
        if let Some(pod) = &self.pod {
            let ip = cx
                .pod(&self.ns, pod)
                .map(|p| p.status.pod_ip.clone())
                .filter(|ip| !ip.is_empty())
                .ok_or_else(|| {
                    Text::new(
                        format!("{pod} does not exist or has no IP yet."),
                        format!("{pod} não existe ou ainda não tem IP."),
                    )
                })?;
            return Ok(Some((
                vec![ip.to_string()],
                Text::new(format!("the IP of {pod}"), format!("o IP de {pod}")),
            )));
        }
        if let Some(svc) = &self.cluster_ip {
            let ip = cx
                .engine
                .store()
                .services
                .get(&self.ns, svc)
                .and_then(|s| s.spec.cluster_ip.clone())
                .unwrap_or_default();
            return Ok(Some((
                vec![ip],
                Text::new(
                    format!("the cluster IP of Service {svc}"),
                    format!("o IP de cluster do Service {svc}"),
                ),
            )));
        }
        Ok(None)
    }

    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let qtype = QType::parse(&self.qtype).unwrap_or(QType::A);
        let res = cx.engine.resolve(&self.from, &self.name, qtype);
        let positive = res.answer.is_positive();
        let name = &self.name;
        let from = &self.from;
        let mut got = res.answer.addresses();
        crate::sort::sort(&mut got);
        let shown = if positive {
            if got.is_empty() {
                let n = res.answer.answers.len();
                Text::new(format!("{n} records"), format!("{n} registros"))
            } else {
                Text::new(got.join(" "), got.join(" "))
            }
        } else {
            Text::new(
                format!("{} (no address)", res.answer.rcode.as_str()),
                format!("{} (nenhum endereço)", res.answer.rcode.as_str()),
            )
        };
        let told = |en: &str, pt: &str| -> Text {
            Text::new(
                format!(
                    "A lookup of {name} from a Pod in {from} answers {}; {en}",
                    shown.en
                ),
                format!(
                    "Uma consulta a {name} de um Pod em {from} responde {}; {pt}",
                    shown.pt_br
                ),
            )
        };
        if let Some(want) = self.nxdomain {
            if want && positive {
                return Err(told(
                    "this step expects no answer (NXDOMAIN).",
                    "este passo espera que não haja resposta (NXDOMAIN).",
                ));
            }
            if !want && !positive {
                return Err(told(
                    "this step expects an answer.",
                    "este passo espera uma resposta.",
                ));
            }
        }
        if let Some((mut want, what)) = self.expected(cx)? {
            crate::sort::sort(&mut want);
            if want != got {
                let w = if want.is_empty() {
                    "NXDOMAIN".to_string()
                } else {
                    want.join(" ")
                };
                return Err(told(
                    &format!("expected: {w} ({}).", what.en),
                    &format!("o esperado é {w} ({}).", what.pt_br),
                ));
            }
        }
        if let Some(want) = self.count {
            let n = if positive {
                res.answer.answers.len()
            } else {
                0
            };
            if n != want {
                return Err(told(
                    &format!("this step expects {want} records."),
                    &format!("este passo espera {want} registros."),
                ));
            }
        }
        Ok(())
    }
}

/// A `kubectl port-forward` to a Pod is open on the workstation (a local
/// port, when given, must be the one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForwardCond {
    pub pod: String,
    #[serde(default = "default_ns")]
    pub ns: String,
    #[serde(default)]
    pub local: Option<u16>,
}

impl ForwardCond {
    pub fn eval(&self, cx: &Ctx<'_>) -> Result<(), Text> {
        let open = cx.forwards.iter().any(|f| {
            f.pod == self.pod && f.namespace == self.ns && self.local.is_none_or(|l| l == f.local)
        });
        if open {
            return Ok(());
        }
        let pod = &self.pod;
        let port = self
            .local
            .map_or("a local port".to_string(), |l| l.to_string());
        let porta = self
            .local
            .map_or("uma porta local".to_string(), |l| l.to_string());
        fail(
            format!("No port-forward to {pod} is open yet: `kubectl port-forward {pod} LOCAL:80` opens one from {port}."),
            format!("Ainda não há um port-forward aberto para {pod}: `kubectl port-forward {pod} LOCAL:80` abre um a partir de {porta}."),
        )
    }
}

//! `ping` as busybox and iputils print it. Round trips are seeded
//! pseudo-random microseconds (same node < different node); one second of
//! simulated time passes between packets. A Service's ClusterIP does not
//! answer ICMP (kube-proxy only forwards its ports).
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use crate::console::sh::Io;
use crate::engine::SimDuration;

use crate::console::container::host::ContainerHost;
use crate::console::container::image::Ping;

/// Packets sent when no `-c` is given: there is no Ctrl-C here to stop ping.
const DEFAULT_COUNT: u64 = 4;

fn ms3(us: u64) -> String {
    format!("{}.{:03}", us / 1000, us % 1000)
}

/// iputils' time format: three significant decimals below 1 ms, fewer above.
fn iputils_ms(us: u64) -> String {
    let ms = us as f64 / 1000.0;
    if ms < 1.0 {
        format!("{ms:.3}")
    } else if ms < 10.0 {
        format!("{ms:.2}")
    } else if ms < 100.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

pub(crate) fn run(h: &mut ContainerHost<'_>, args: &[String], io: &mut Io) -> i32 {
    let kind = h.tools.ping.unwrap_or(Ping::Busybox);
    let mut count: Option<u64> = None;
    let mut deadline: Option<u64> = None;
    let mut quiet = false;
    let mut target: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let num = |i: &mut usize, inline: &str| -> Option<u64> {
            if inline.is_empty() {
                *i += 1;
                args.get(*i).and_then(|v| v.parse().ok())
            } else {
                inline.parse().ok()
            }
        };
        if let Some(rest) = a.strip_prefix("-c") {
            count = num(&mut i, rest);
        } else if let Some(rest) = a.strip_prefix("-w") {
            deadline = num(&mut i, rest);
        } else if a.starts_with("-W")
            || a.starts_with("-i")
            || a.starts_with("-s")
            || a.starts_with("-t")
        {
            if a.len() == 2 {
                i += 1;
            }
        } else if a == "-q" {
            quiet = true;
        } else if a.starts_with('-') {
        } else {
            target = Some(a.clone());
        }
        i += 1;
    }
    let Some(target) = target else {
        match kind {
            Ping::Busybox => io.err(&crate::console::container::busybox_usage::show(
                "ping",
                h.tools.busybox_new(),
            )),
            Ping::Iputils => io.err("ping: usage error: Destination address required\n"),
        }
        return if kind == Ping::Busybox { 1 } else { 2 };
    };
    let Some(l) = h.lookup_v4(&target) else {
        match kind {
            Ping::Busybox => {
                io.err(&format!("ping: bad address '{target}'\n"));
                return 1;
            }
            Ping::Iputils => {
                io.err(&format!("ping: {target}: Name or service not known\n"));
                return 2;
            }
        }
    };
    let ip = l.addrs[0].clone();
    let sent = count
        .unwrap_or_else(|| deadline.unwrap_or(DEFAULT_COUNT))
        .clamp(1, 10_000);
    let shown = match kind {
        Ping::Busybox => target.clone(),
        Ping::Iputils => l.canonical.clone(),
    };
    match kind {
        Ping::Busybox => io.out(&format!("PING {target} ({ip}): 56 data bytes\n")),
        Ping::Iputils => io.out(&format!("PING {shown} ({ip}) 56(84) bytes of data.\n")),
    }
    let reply_name = if kind == Ping::Iputils && l.canonical != ip {
        h.reverse_lookup(&ip)
    } else {
        None
    };
    let mut rtts: Vec<u64> = Vec::new();
    for seq in 0..sent {
        if seq > 0 {
            h.wait(SimDuration::secs(1));
            if h.killed || io.is_full() {
                h.interrupted |= h.killed;
                break;
            }
        }
        if let Some((ttl, us)) = h.echo(&ip, seq) {
            rtts.push(us);
            if !quiet {
                match kind {
                    Ping::Busybox => io.out(&format!(
                        "64 bytes from {ip}: seq={seq} ttl={ttl} time={} ms\n",
                        ms3(us)
                    )),
                    Ping::Iputils => {
                        let from = match &reply_name {
                            Some(n) => format!("{n} ({ip})"),
                            None => ip.clone(),
                        };
                        io.out(&format!(
                            "64 bytes from {from}: icmp_seq={} ttl={ttl} time={} ms\n",
                            seq + 1,
                            iputils_ms(us)
                        ))
                    }
                }
            }
        }
    }
    if count.is_none() && deadline.is_none() {
        io.err(&format!(
            "ping: stopped after {DEFAULT_COUNT} packets (give -c N; a terminal would wait for Ctrl-C)\n"
        ));
    }
    let received = rtts.len() as u64;
    let loss = (sent - received) * 100 / sent;
    let (min, max) = (
        rtts.iter().copied().min().unwrap_or(0),
        rtts.iter().copied().max().unwrap_or(0),
    );
    let avg = rtts.iter().sum::<u64>().checked_div(received).unwrap_or(0);
    match kind {
        Ping::Busybox => {
            io.out(&format!(
                "\n--- {target} ping statistics ---\n{sent} packets transmitted, {received} packets received, {loss}% packet loss\n"
            ));
            if received > 0 {
                io.out(&format!(
                    "round-trip min/avg/max = {}/{}/{} ms\n",
                    ms3(min),
                    ms3(avg),
                    ms3(max)
                ));
            }
        }
        Ping::Iputils => {
            let span = (sent - 1) * 1000 + (h.hash("ping-span") % 5);
            io.out(&format!(
                "\n--- {shown} ping statistics ---\n{sent} packets transmitted, {received} received, {loss}% packet loss, time {span}ms\n"
            ));
            if received > 0 {
                let mean = avg as f64;
                let var =
                    rtts.iter().map(|&r| (r as f64 - mean).powi(2)).sum::<f64>() / received as f64;
                let mdev = var.sqrt() as u64;
                io.out(&format!(
                    "rtt min/avg/max/mdev = {}/{}/{}/{} ms\n",
                    ms3(min),
                    ms3(avg),
                    ms3(max),
                    ms3(mdev)
                ));
            }
        }
    }
    if received == 0 {
        1
    } else {
        0
    }
}

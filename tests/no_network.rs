//! Saq promises that nothing leaves the computer: no crate that opens network connections
//! may be in the dependency tree. This reads Cargo.lock, the exact tree that is built.

const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "minreq",
    "tungstenite",
    "tokio-tungstenite",
    "h2",
    "quinn",
    "rustls",
    "native-tls",
    "openssl",
    "tokio",
    "async-std",
    "mio",
    "socket2",
    "trust-dns-resolver",
    "hickory-resolver",
    "lettre",
];

#[test]
fn no_network_crates_in_the_lockfile() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("Cargo.lock is committed");
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    assert!(names.len() > 20, "Cargo.lock parsed");
    let found: Vec<&&str> = names
        .iter()
        .filter(|n| NETWORK_CRATES.contains(n))
        .collect();
    assert!(
        found.is_empty(),
        "network crates in the dependency tree: {found:?}"
    );
}

#[test]
fn no_socket_code_in_the_sources() {
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("src readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("source readable");
                // Address types (`std::net::Ipv4Addr`) only parse text; sockets are what must not exist.
                for needle in [
                    "TcpStream",
                    "UdpSocket",
                    "TcpListener",
                    "ToSocketAddrs",
                    "lookup_host",
                ] {
                    assert!(!text.contains(needle), "{} uses {needle}", p.display());
                }
            }
        }
    }
}

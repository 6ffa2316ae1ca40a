//! What the benches that start the release `server` binary share.

#![allow(dead_code)]

use std::process::{Child, Command, Stdio};

/// A started server process, killed when dropped (also when a bench panics).
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A TCP port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// The `server` binary with `env`, quiet: errors only, nothing on standard output.
pub fn server_command(env: &[(String, String)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_server"));
    c.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .env("RUST_LOG", "error")
        .stdout(Stdio::null());
    c
}

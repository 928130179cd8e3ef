//! Running the `shiplink` binary as an engineer would: a sandbox, a config file with a profile
//! for it, and checks that nothing printed holds the token or the webhook secret.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};
use shiplink_sandbox::{Sandbox, SandboxConfig, Scopes};

/// Long and distinctive, so finding it anywhere in the output means it leaked.
pub const TOKEN: &str = "cli-token-7d1f0c9e5b2a4863";
pub const SECRET: &str = "whsec_cli_2b8e61f04d9c";

pub struct Env {
    pub sandbox: Sandbox,
    pub dir: PathBuf,
}

impl Env {
    pub fn new(name: &str) -> Env {
        let sandbox = Sandbox::start(SandboxConfig::new().token(TOKEN, Scopes::All).rng_seed(5)).unwrap();
        let dir = std::env::temp_dir().join(format!("shiplink-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let config = json!({"profiles": {
            "default": {
                "shipperone": {"base_url": sandbox.base_url(), "token": TOKEN, "retry_base_ms": 5},
                "shipper": {"base_url": format!("{}/api/v1", sandbox.base_url()), "token": TOKEN, "retry_base_ms": 5},
                "threepl": {"base_url": format!("{}/v1", sandbox.base_url()), "token": TOKEN, "retry_base_ms": 5}
            },
            "wrong": {"shipperone": {"base_url": sandbox.base_url(), "token": "not-the-token-0000"}}
        }});
        std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
        Env { sandbox, dir }
    }

    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Runs `shiplink ARGS` with the test's config file and `stdin`; no SHIPLINK_ variable of
    /// the caller's environment leaks in.
    pub fn run(&self, args: &[&str], stdin: &str) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_shiplink"));
        for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("SHIPLINK_")) {
            command.env_remove(key);
        }
        let mut child = command
            .args(args)
            .env("SHIPLINK_CONFIG", self.dir.join("config.json"))
            .env("SHIPLINK_WEBHOOK_SECRET", SECRET)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        Run(child.wait_with_output().unwrap())
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    pub fn ok(self) -> Run {
        assert_eq!(self.code(), 0, "stdout: {}\nstderr: {}", self.stdout(), self.stderr());
        self
    }
    pub fn lines(&self) -> Vec<Value> {
        self.stdout().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }
    /// Neither the token nor the webhook secret appears in anything printed.
    pub fn clean(self) -> Run {
        for secret in [TOKEN, SECRET] {
            assert!(!self.stdout().contains(secret) && !self.stderr().contains(secret), "{secret} leaked");
        }
        self
    }
}

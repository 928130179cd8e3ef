//! `shiplink-sandbox`: the sandbox as a process, for C, Python and .NET tests and integrators.
//! Its flags are in `cli.rs`; `shiplink sandbox` runs the same server.

fn main() -> std::process::ExitCode {
    shiplink_sandbox::cli::main(std::env::args().skip(1))
}

//! `shiplink`: the APIs shiplink speaks, from a shell. For the engineer on an ERP or WMS server
//! who needs to look at a queue, replay an action or check why a webhook was refused, without
//! writing a script. The library's own typed API does the work underneath, so the command
//! keeps its rules: validation before sending, retries, reconciliation, secrets kept out of
//! every line it prints.

mod args;
mod conform;
mod conform_command;
mod failure;
mod input;
mod output;
mod profile;
mod progress;
mod shipper;
mod shipperone;
mod threepl;
mod webhook;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.global.verbose {
        // The library's log lines never carry the token, signatures or secrets.
        shiplink::log::set_logger(shiplink::log::Level::Debug, |level, line| {
            eprintln!("shiplink [{}] {line}", format!("{level:?}").to_lowercase())
        });
    }
    if let Command::Sandbox { flags } = &cli.command {
        return shiplink_sandbox::cli::main(flags.iter().cloned());
    }
    let outcome = match &cli.command {
        Command::Shipperone { command } => shipperone::run(&cli.global, command),
        Command::Threepl { command } => threepl::run(&cli.global, command),
        Command::Shipper { command } => shipper::run(&cli.global, command),
        Command::Webhook { command } => webhook::run(&cli.global, command),
        Command::Conform { command } => conform_command::run(&cli.global, command),
        Command::Sandbox { .. } => Ok(()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("shiplink: {failure}");
            if cli.global.verbose {
                if let Some(detail) = failure.detail() {
                    eprintln!("{detail}");
                }
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

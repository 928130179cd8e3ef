//! Which certificate authorities the client trusts: the platform's store plus `ca_file`.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

use crate::error::{Error, Result};

/// The platform's roots, read and parsed once per process: reading them costs milliseconds and
/// a couple of hundred KiB, and hosts may create many clients.
fn platform_roots() -> &'static Arc<Vec<Certificate<'static>>> {
    static ROOTS: OnceLock<Arc<Vec<Certificate<'static>>>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        Arc::new(
            rustls_native_certs::load_native_certs()
                .certs
                .iter()
                .map(|der| Certificate::from_der(der.as_ref()).to_owned())
                .collect(),
        )
    })
}

pub(crate) fn tls_config(ca_file: Option<&Path>) -> Result<TlsConfig> {
    let platform = platform_roots();
    let roots = match ca_file {
        None => Arc::clone(platform),
        Some(path) => {
            let mut roots = Vec::clone(platform);
            roots.extend(read_pem_file(path)?);
            Arc::new(roots)
        }
    };
    // A machine without a CA store still gets Mozilla's roots, built in.
    let root_certs = if roots.is_empty() { RootCerts::WebPki } else { RootCerts::Specific(roots) };
    Ok(TlsConfig::builder().root_certs(root_certs).build())
}

fn read_pem_file(path: &Path) -> Result<Vec<Certificate<'static>>> {
    let shown = path.display();
    let pem =
        std::fs::read(path).map_err(|e| Error::invalid("ca_file", format!("cannot read '{shown}': {e}")))?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(cert)) => certs.push(cert),
            Ok(_) => {}
            Err(e) => return Err(Error::invalid("ca_file", format!("'{shown}': {e}"))),
        }
    }
    if certs.is_empty() {
        return Err(Error::invalid("ca_file", format!("'{shown}' holds no PEM certificate")));
    }
    Ok(certs)
}

//! Which certificate authorities the client trusts: the platform's store plus `ca_file`.

use std::path::Path;

use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

use crate::error::{Error, Result};

pub(crate) fn tls_config(ca_file: Option<&Path>) -> Result<TlsConfig> {
    let mut roots: Vec<Certificate<'static>> = rustls_native_certs::load_native_certs()
        .certs
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()).to_owned())
        .collect();
    if let Some(path) = ca_file {
        roots.extend(read_pem_file(path)?);
    }
    // A machine without a CA store still gets Mozilla's roots, built in.
    let root_certs = if roots.is_empty() { RootCerts::WebPki } else { RootCerts::new_with_certs(&roots) };
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

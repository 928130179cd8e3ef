//! Name resolution without a thread per request. ureq resolves the host before every request,
//! pooled connection or not, and with a timeout set it does so on a fresh thread each time. An
//! IP literal needs no lookup at all. A host name's answer is reused for a short while, about
//! as long as a pooled connection to it lives.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long a resolved address list is reused.
const REUSE: Duration = Duration::from_secs(30);

#[derive(Debug, Default)]
pub(crate) struct CachingResolver {
    inner: DefaultResolver,
    cache: Mutex<HashMap<String, (Instant, ResolvedSocketAddrs)>>,
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let port = uri.port_u16().unwrap_or(if uri.scheme_str() == Some("https") { 443 } else { 80 });
        let host = uri.host().unwrap_or_default();
        if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
            let mut addrs = self.empty();
            addrs.push(SocketAddr::new(ip, port));
            return Ok(addrs);
        }
        let key = format!("{host}:{port}");
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((when, addrs)) = cache.get(&key) {
            if when.elapsed() < REUSE {
                return Ok(addrs.clone());
            }
        }
        drop(cache);
        let addrs = self.inner.resolve(uri, config, timeout)?;
        cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        cache.insert(key, (Instant::now(), addrs.clone()));
        Ok(addrs)
    }
}

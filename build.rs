// Gives the shared library a SONAME carrying the major version, so hosts linked against one ABI
// never load an incompatible one (0.x versions: the minor is the ABI, as Cargo treats it).
fn main() {
    let target = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target == "linux" {
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        let abi = if major == "0" { format!("0.{}", env!("CARGO_PKG_VERSION_MINOR")) } else { major.into() };
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libshiplink.so.{abi}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

//! Provider calls over real TLS on loopback: extra root certificates, and a
//! redirect from `https://` to plain `http://` that must not carry the token.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::sync::Arc;

use alter_runtime::{AlterVault, Method, Provider, User};
use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use wiremock::ResponseTemplate;

/// An HTTPS server on `127.0.0.1` answering every request with `answer`;
/// the head of each request it read arrives on the receiver.
struct TlsProvider {
    url: String,
    ca_pem: String,
    heads: mpsc::UnboundedReceiver<String>,
}

async fn tls_provider(answer: String) -> TlsProvider {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let ca_pem = certified.cert.pem();
    let key = PrivatePkcs8KeyDer::from(certified.signing_key.serialize_der());
    let config = ServerConfig::builder_with_provider(Arc::new(
        tokio_rustls::rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![CertificateDer::from(certified.cert.der().to_vec())],
        PrivateKeyDer::Pkcs8(key),
    )
    .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    let (sender, heads) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (acceptor, sender, answer) = (acceptor.clone(), sender.clone(), answer.clone());
            tokio::spawn(async move {
                let Ok(mut stream) = acceptor.accept(stream).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buffer = [0_u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(read) => head.extend_from_slice(&buffer[..read]),
                    }
                }
                let _ = sender.send(String::from_utf8_lossy(&head).into_owned());
                let _ = stream.write_all(answer.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    TlsProvider { url, ca_pem, heads }
}

fn redirect_to(location: &str) -> String {
    format!(
        "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\
         Connection: close\r\n\r\n"
    )
}

/// The value of a header in a request head, by lowercase name.
fn head_header(head: &str, name: &str) -> Option<String> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.eq_ignore_ascii_case(name)).then(|| value.trim().to_owned())
    })
}

#[tokio::test]
async fn an_https_redirect_to_plain_http_never_carries_the_token() {
    let harness = Harness::start().await;
    harness
        .provider_answers(ResponseTemplate::new(200).set_body_string("landed"))
        .await;
    let landing = harness.url("/landing");
    let mut tls = tls_provider(redirect_to(&landing)).await;
    let vault = harness
        .builder()
        .add_root_certificates(tls.ca_pem.clone())
        .build()
        .unwrap();

    let response = vault
        .request(Provider::Google, Method::GET, format!("{}/start", tls.url))
        .user(User::id("alice"))
        .header("X-Api-Key", "caller-secret")
        .header("Cookie", "session=caller-cookie")
        .send()
        .await
        .unwrap();
    assert_eq!(response.text(), "landed");

    // The first hop, over TLS, carried the token and the caller's headers.
    let first = tls.heads.recv().await.unwrap();
    assert!(first.starts_with("GET /start HTTP/1.1\r\n"), "{first}");
    assert_eq!(
        head_header(&first, "authorization"),
        Some(format!("Bearer {TOKEN}"))
    );
    assert_eq!(
        head_header(&first, "x-api-key").as_deref(),
        Some("caller-secret")
    );

    // The hop over plain HTTP carried none of them.
    let hops = harness.provider_requests().await;
    assert_eq!(hops.len(), 1);
    assert_eq!(hops[0].url.path(), "/landing");
    for name in [
        "authorization",
        "x-api-key",
        "cookie",
        "proxy-authorization",
    ] {
        assert_eq!(header(&hops[0], name), None, "{name} reached http://");
    }
    vault.close().await;
}

#[tokio::test]
async fn a_same_origin_https_redirect_keeps_the_token() {
    let harness = Harness::start().await;
    let mut tls = tls_provider(redirect_to("/again")).await;
    let vault = harness
        .builder()
        .add_root_certificates(tls.ca_pem.clone())
        .build()
        .unwrap();
    let error = vault
        .request(Provider::Google, Method::GET, format!("{}/start", tls.url))
        .user(User::id("alice"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.message(), "too many redirects (more than 5)");
    let mut hops = Vec::new();
    while let Ok(head) = tls.heads.try_recv() {
        hops.push(head);
    }
    assert_eq!(hops.len(), 6);
    for head in &hops {
        assert_eq!(
            head_header(head, "authorization"),
            Some(format!("Bearer {TOKEN}"))
        );
    }
    vault.close().await;
}

#[tokio::test]
async fn an_untrusted_certificate_is_a_network_error() {
    let harness = Harness::start().await;
    let tls = tls_provider(redirect_to("/again")).await;
    let error = harness
        .vault()
        .request(Provider::Google, Method::GET, format!("{}/start", tls.url))
        .user(User::id("alice"))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_network(), "{error:?}");
    assert_eq!(error.message(), "could not connect to the provider");
}

#[test]
fn a_root_certificate_bundle_must_hold_a_pem_certificate() {
    let build = |pem: &str| {
        AlterVault::builder(API_KEY)
            .add_root_certificates(pem)
            .build()
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        build("not a certificate"),
        "invalid configuration: root certificate bundle 1 holds no PEM certificate"
    );
    assert_eq!(
        build("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"),
        "invalid configuration: root certificate bundle 1 is not valid PEM"
    );
}

#[test]
fn a_root_certificate_that_is_not_valid_der_is_named() {
    let bad = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    let error = AlterVault::builder(API_KEY)
        .add_root_certificates(bad)
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid configuration: root certificate bundle 1 holds a certificate that is not \
         valid DER (certificate 1 of 1)"
    );

    let good = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .cert
        .pem();
    let error = AlterVault::builder(API_KEY)
        .add_root_certificates(good.clone())
        .add_root_certificates(format!("{good}{bad}"))
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid configuration: root certificate bundle 2 holds a certificate that is not \
         valid DER (certificate 2 of 2)"
    );
    assert!(
        AlterVault::builder(API_KEY)
            .add_root_certificates(good)
            .build()
            .is_ok()
    );
}

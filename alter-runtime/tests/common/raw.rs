//! One-connection HTTP servers on a raw socket, for answers that break off.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// What the server does with its one connection.
pub enum Raw {
    /// Accepts and closes at once, reading nothing and answering nothing.
    Close,
    /// Reads the request, writes these bytes, waits, then closes.
    Answer(Vec<u8>, Duration),
}

/// Serves one connection as told; returns the server's `http://` base URL.
pub fn serve_once(raw: Raw) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let Raw::Answer(bytes, wait) = raw else {
            return;
        };
        if read_request(&mut stream).is_some() {
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
            std::thread::sleep(wait);
        }
    });
    format!("http://{address}")
}

/// Reads a request head and its `Content-Length` body, so that closing does
/// not reset the connection over unread bytes.
fn read_request(stream: &mut TcpStream) -> Option<()> {
    let mut request = Vec::new();
    let mut buffer = [0_u8; 4096];
    let head_end = loop {
        if let Some(at) = request.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let read = stream.read(&mut buffer).ok().filter(|&n| n > 0)?;
        request.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&request[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while request.len() < head_end + length {
        let read = stream.read(&mut buffer).ok().filter(|&n| n > 0)?;
        request.extend_from_slice(&buffer[..read]);
    }
    Some(())
}

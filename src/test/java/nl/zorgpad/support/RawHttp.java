package nl.zorgpad.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 on a plain socket, for what HTTP client libraries refuse to send but real clients do: a raw
 * {@code |} in a query (curl, browsers), a chunked body of any size.
 */
public final class RawHttp {
	private RawHttp() {}

	/** Sends the request line, headers and body (null: none); returns the status code. */
	public static int status(int port, String requestLine, String headers, byte[] chunkedBody) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n" + headers
					+ (chunkedBody == null ? "" : "Transfer-Encoding: chunked\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
			if (chunkedBody != null) {
				try {
					for (int at = 0; at < chunkedBody.length; at += 65_536) {
						int n = Math.min(65_536, chunkedBody.length - at);
						out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
						out.write(chunkedBody, at, n);
						out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
					}
					out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				} catch (IOException refusedEarly) {
					// the server answered before reading it all
				}
			}
			out.flush();
			String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
					.readLine();
			return Integer.parseInt(status.split(" ")[1]);
		}
	}
}

package nl.zorgpad.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A websocket client as a collaboration app opens one: bearer token on the handshake, text messages queued. */
public final class Socket implements AutoCloseable {
	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
	private final WebSocket socket;

	private Socket(int port, String token) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		this.socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/websocket"), new WebSocket.Listener() {
			private final StringBuilder text = new StringBuilder();

			@Override
			public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
				text.append(data);
				if (last) {
					received.add(text.toString());
					text.setLength(0);
				}
				webSocket.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
				received.add("closed " + statusCode);
				return null;
			}
		}).join();
	}

	/** Opens a socket to the server's websocket endpoint; fails (an exception) when the handshake is refused. */
	public static Socket open(int port, String token) {
		return new Socket(port, token);
	}

	public Socket send(String text) {
		socket.sendText(text, true).join();
		return this;
	}

	/** The next message (or {@code closed <status>}), or null after the timeout. */
	public String next(int seconds) {
		try {
			return received.poll(seconds, TimeUnit.SECONDS);
		} catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new AssertionError(interrupted);
		}
	}

	@Override
	public void close() {
		socket.abort();
	}
}

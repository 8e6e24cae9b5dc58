package nl.zorgpad.server;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 rows: comma-separated, quoted when a value holds a comma, quote or line break; CRLF line ends.
 * A text that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab or
 * carriage return first) gets a leading apostrophe, so it shows as text and never runs (OWASP CSV injection).
 */
public final class Csv {
	private Csv() {}

	public static void row(Writer out, String... values) throws IOException {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write(escape(values[i]));
		}
		out.write("\r\n");
	}

	static String escape(String value) {
		if (value == null) {
			return "";
		}
		if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?")) {
			value = "'" + value;
		}
		if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
			return '"' + value.replace("\"", "\"\"") + '"';
		}
		return value;
	}
}

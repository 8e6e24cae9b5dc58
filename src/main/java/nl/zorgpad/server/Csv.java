package nl.zorgpad.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;

/**
 * Spreadsheet rows in one of two dialects. {@link Dialect#RFC4180}: comma-separated, quoted when a value holds
 * a comma, quote or line break; CRLF line ends. {@link Dialect#EXCEL_NL}: what Excel with Dutch regional
 * settings opens by double-click: a UTF-8 byte order mark, semicolons, decimal commas. In both, a text that a
 * spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return
 * first) gets a leading apostrophe, so it shows as text and never runs (OWASP CSV injection).
 */
public final class Csv implements Closeable {
	private static final String NUMBER = "-?\\d+(\\.\\d+)?";

	/** How the rows are written. */
	public enum Dialect {
		RFC4180(','), EXCEL_NL(';');

		private final char separator;

		Dialect(char separator) {
			this.separator = separator;
		}
	}

	private final Writer out;
	private final Dialect dialect;

	public Csv(Writer out, Dialect dialect) throws IOException {
		this.out = out;
		this.dialect = dialect;
		if (dialect == Dialect.EXCEL_NL) {
			out.write('\uFEFF');
		}
	}

	public void row(String... values) throws IOException {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				out.write(dialect.separator);
			}
			out.write(escape(values[i], dialect));
		}
		out.write("\r\n");
	}

	@Override
	public void close() throws IOException {
		out.close();
	}

	static String escape(String value, Dialect dialect) {
		if (value == null) {
			return "";
		}
		if (value.matches(NUMBER)) {
			return dialect == Dialect.EXCEL_NL ? value.replace('.', ',') : value;
		}
		if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
			value = "'" + value;
		}
		if (value.indexOf(dialect.separator) >= 0 || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
			return '"' + value.replace("\"", "\"\"") + '"';
		}
		return value;
	}
}

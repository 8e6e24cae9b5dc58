package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CsvTest {
	@Test
	void quotesOnlyValuesThatNeedIt_andEndsRowsWithCrLf() throws IOException {
		StringWriter out = new StringWriter();
		new Csv(out, Csv.Dialect.RFC4180).row("Jansen, M.", "plain", "say \"hi\"", null, "two\nlines");

		assertThat(out).hasToString("\"Jansen, M.\",plain,\"say \"\"hi\"\"\",,\"two\nlines\"\r\n");
	}

	@Test
	void neutralisesCellsASpreadsheetWouldRunAsAFormula_butKeepsNumbers() throws IOException {
		StringWriter out = new StringWriter();
		new Csv(out, Csv.Dialect.RFC4180).row("=HYPERLINK(\"http://x\")", "+31", "-2+3", "@SUM(A1)", "-5", "Jansen");

		assertThat(out).hasToString("\"'=HYPERLINK(\"\"http://x\"\")\",'+31,'-2+3,'@SUM(A1),-5,Jansen\r\n");
	}

	@Test
	void forDutchExcel_startsWithAByteOrderMark_separatesWithSemicolons_andWritesDecimalCommas() throws IOException {
		StringWriter out = new StringWriter();
		new Csv(out, Csv.Dialect.EXCEL_NL).row("Jansen, M.", "12.5", "a;b", "=1+1", "2026-01-31");

		assertThat(out).hasToString("\uFEFFJansen, M.;12,5;\"a;b\";'=1+1;2026-01-31\r\n");
	}
}

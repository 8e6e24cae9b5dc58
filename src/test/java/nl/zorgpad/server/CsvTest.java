package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CsvTest {
	@Test
	void quotesOnlyValuesThatNeedIt_andEndsRowsWithCrLf() throws IOException {
		StringWriter out = new StringWriter();
		Csv.row(out, "Jansen, M.", "plain", "say \"hi\"", null, "two\nlines");

		assertThat(out).hasToString("\"Jansen, M.\",plain,\"say \"\"hi\"\"\",,\"two\nlines\"\r\n");
	}

	@Test
	void neutralisesCellsASpreadsheetWouldRunAsAFormula_butKeepsNumbers() throws IOException {
		StringWriter out = new StringWriter();
		Csv.row(out, "=HYPERLINK(\"http://x\")", "+31", "-2+3", "@SUM(A1)", "-5", "Jansen");

		assertThat(out).hasToString("\"'=HYPERLINK(\"\"http://x\"\")\",'+31,'-2+3,'@SUM(A1),-5,Jansen\r\n");
	}
}

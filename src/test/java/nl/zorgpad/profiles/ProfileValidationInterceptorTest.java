package nl.zorgpad.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class ProfileValidationInterceptorTest {

	@Test
	void extensionsNestedHundredsDeep_areTooDeepToValidate_anOrdinaryResourceIsNot() {
		Communication deep = new Communication();
		Extension extension = deep.addExtension().setUrl("http://example.org/nested");
		for (int i = 0; i < 300; i++) {
			extension = extension.addExtension().setUrl("http://example.org/nested");
		}
		extension.setValue(new StringType("bottom"));
		Communication ordinary = new Communication();
		ordinary.addPayload().setContent(new StringType("Mevrouw is gevallen"));

		assertThat(ProfileValidationInterceptor.deeperThan(deep, ProfileValidationInterceptor.MAX_DEPTH)).isTrue();
		assertThat(ProfileValidationInterceptor.deeperThan(ordinary, ProfileValidationInterceptor.MAX_DEPTH)).isFalse();
	}
}

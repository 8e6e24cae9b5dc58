package nl.zorgpad.profiles;

import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.validation.ValidationMessage;

/**
 * HAPI's own validation ({@code Type/$validate}, with or without {@code profile}) done by the validator that
 * checks every write, so it knows the package's profiles: an integrator validates a resource against
 * {@code zp-frailty-episode} before sending it and gets the answer a write would get.
 */
final class ProfileValidationModule implements IInstanceValidatorModule {
	private final Profiles profiles;

	ProfileValidationModule(Profiles profiles) {
		this.profiles = profiles;
	}

	@Override
	public void validateResource(IValidationContext<IBaseResource> context) {
		for (ValidationMessage message : profiles.validator().validate(context.getResource(),
				context.getOptions().getProfiles())) {
			SingleValidationMessage single = new SingleValidationMessage();
			single.setSeverity(ResultSeverityEnum.fromCode(message.getLevel().toCode()));
			single.setLocationString(message.getLocation());
			single.setLocationLine(message.getLine());
			single.setLocationCol(message.getCol());
			single.setMessage(message.getMessage());
			single.setMessageId(message.getMessageId());
			context.addValidationMessage(single);
		}
	}
}

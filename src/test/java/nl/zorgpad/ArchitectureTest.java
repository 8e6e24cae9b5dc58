package nl.zorgpad;

import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Optional;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.Verdict;

/**
 * The pathway rules are pure domain code. Convention: every rule class, its facts and the domain types they
 * share are annotated {@link PureDomain}; types nested in them (the {@code Facts} records) count as well, and so
 * does {@link Verdict}. Interceptors in the same packages are not annotated and may use HAPI.
 */
@AnalyzeClasses(packages = "nl.zorgpad", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	static final DescribedPredicate<JavaClass> PURE_DOMAIN =
			DescribedPredicate.describe("pure domain types (@PureDomain, types nested in them, Verdict)", type -> {
				JavaClass outer = type.isArray() ? type.getBaseComponentType() : type;
				for (Optional<JavaClass> c = Optional.of(outer); c.isPresent(); c = c.get().getEnclosingClass()) {
					if (c.get().isAnnotatedWith(PureDomain.class)
							|| c.get().isEquivalentTo(PureDomain.class)
							|| c.get().isEquivalentTo(Verdict.class)) {
						return true;
					}
				}
				return false;
			});

	static final DescribedPredicate<JavaClass> DECLARE_A_RULE = DescribedPredicate.describe(
			"declare a method evaluate(..) returning Verdict",
			type -> type.getMethods().stream().anyMatch(ArchitectureTest::isEvaluate));

	@ArchTest
	static final ArchRule rulesAndFactsKeepTheFrameworksOut = noClasses()
			.that(PURE_DOMAIN)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("ca.uhn..", "org.hl7..", "org.springframework..");

	@ArchTest
	static final ArchRule rulesAndFactsUseOnlyJavaAndEachOther = classes()
			.that(PURE_DOMAIN)
			.should()
			.onlyDependOnClassesThat(JavaClass.Predicates.resideInAPackage("java..").or(PURE_DOMAIN));

	@ArchTest
	static final ArchRule everyRuleIsMarkedPure = classes().that(DECLARE_A_RULE).should(be(PURE_DOMAIN));

	/** Packages by pathway concept depend on each other one way only (e.g. meeting on careteam, never back). */
	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("nl.zorgpad.(*)..").should().beFreeOfCycles();

	/** SQL on HAPI's schema lives behind one adapter; the audit trail's own table is the one other JDBC user. */
	@ArchTest
	static final ArchRule onlyTheStoreReadsHapisTables = noClasses()
			.that().resideOutsideOfPackage("nl.zorgpad.store..")
			.and().haveNameNotMatching("nl\\.zorgpad\\.security\\.AuditStore(\\$.*)?")
			.should().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..");

	private static boolean isEvaluate(JavaMethod method) {
		return method.getName().equals("evaluate") && method.getRawReturnType().isEquivalentTo(Verdict.class);
	}
}

package nl.zorgpad.worklist;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The facts behind the worklists (the port; {@code store/WorklistSql} reads them from HAPI's tables). */
public interface WorklistSource {

	/** A patient found by a worklist query ({@code pid}: the database key, for the follow-up queries). */
	record PatientRow(long pid, String patient, LocalDate since) {}

	/** An active GZSP trajectory. */
	record TrajectoryRow(String id, long pid, String patient, LocalDate start) {}

	/** An open Task and the patient it is for. */
	record TaskRow(String id, String patient) {}

	/** A consent of one of our categories. */
	record ConsentRow(String id, long pid, String patient, String category, String status, LocalDate given) {}

	/** The open Tasks (of patients listed at the practice, when one is given). */
	List<TaskRow> openTasks(String practice);

	/** Patients whose current frailty status on {@code date} is complex frail, and the day that episode was recorded. */
	List<PatientRow> complexFrail(String practice, LocalDate date);

	/** The last finished MDO (breed-mdo or mdo-gzsp) on or before {@code date} per patient. */
	Map<Long, LocalDate> lastMdo(Collection<Long> pids, LocalDate date);

	/** The active GZSP trajectories (of patients listed at the practice, when one is given). */
	List<TrajectoryRow> activeTrajectories(String practice);

	/** The day of the last recorded evaluation (completed gzsp-stop checklist) on or before {@code date} per patient. */
	Map<Long, LocalDate> lastEvaluation(Collection<Long> pids, LocalDate date);

	/** Consents of our categories given on or before {@code date}. */
	List<ConsentRow> consents(String practice, LocalDate date);
}

// Booking: the use cases (service.ts), their SQL (statements.ts) and the holder's view (view.ts).
export { BookingService, type BookInput } from './service';
export { bookWonPlace, giveQuotaBack, isCodeTaken, isLimitServiceDay, isLimitTotal, newAppointmentCode } from './statements';
export { checkInWindow, type AppointmentRow } from './view';
export { checkLicenceMaterials, coveredMaterials, type StoredCoveredMaterial } from './licence-materials';

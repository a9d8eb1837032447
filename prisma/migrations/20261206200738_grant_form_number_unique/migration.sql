-- CreateIndex
CREATE UNIQUE INDEX "Grant_consentFormNumber_key" ON "Grant"("consentFormNumber");

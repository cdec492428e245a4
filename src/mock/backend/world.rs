//! The whole world at once: a copy of every project (for a state file), replacing the world
//! with another (loading a state file, resetting the demo).

use std::convert::Infallible;

use serde_json::{Value, json};

use super::Backend;
use crate::mock::error::MockResult;
use crate::mock::store::{AccountRecord, StoredProject, World};

impl Backend {
    /// Every project with every row, and the account's rows, as stored now (each project and
    /// the account read in one transaction).
    pub fn snapshot(&self) -> MockResult<World> {
        let mut projects = Vec::new();
        for id in self.store.project_ids() {
            let copy = self.store.read(&id, |project| StoredProject {
                app: project.app.clone(),
                rows: project.rows(),
                seq: 0,
            })?;
            projects.extend(copy);
        }
        let account = self.store.read_acct(AccountRecord::rows)?;
        Ok(World { projects, account })
    }

    /// Removes every project and the account's resources.
    pub fn clear(&self) -> MockResult<()> {
        for id in self.store.project_ids() {
            self.store.delete_project(&id)?;
        }
        let Ok(()) = self.store.write_acct(|account| {
            account.replace_with(&AccountRecord::default());
            Ok::<(), Infallible>(())
        })?;
        Ok(())
    }

    /// Replaces every project and the account's resources with `world`'s; answers how many
    /// projects there are now. Rows that cannot be read refuse the whole world before
    /// anything is removed.
    pub fn replace_world(&self, world: World) -> MockResult<usize> {
        let records = world
            .projects
            .into_iter()
            .map(StoredProject::into_record)
            .collect::<Result<Vec<_>, _>>()?;
        let account = AccountRecord::from_rows(&world.account)
            .map_err(crate::mock::store::StoreError::from)?;
        self.clear()?;
        let count = records.len();
        for record in records {
            self.store.create_project(record)?;
        }
        let Ok(()) = self.store.write_acct(|stored| {
            stored.replace_with(&account);
            Ok::<(), Infallible>(())
        })?;
        Ok(count)
    }
}

impl Backend {
    /// After a restart: jobs a stopped process left `PROCESSING` start over (an import applies
    /// its rows again, which leaves what it already applied as it was; an export writes its
    /// file again). Only for a store this process alone writes: in a shared store another
    /// process may be running them. Answers how many jobs start over.
    pub fn resume_interrupted_jobs(&self) -> MockResult<usize> {
        let mut resumed = 0;
        for id in self.store.project_ids() {
            let count = self.store.write(&id, |project| {
                let mut count = 0;
                for jobs in [&mut project.import_jobs, &mut project.export_jobs] {
                    let stuck: Vec<String> = jobs
                        .entries()
                        .filter(|(_, job)| {
                            job.get("JobStatus").and_then(Value::as_str) == Some("PROCESSING")
                        })
                        .map(|(id, _)| id.to_owned())
                        .collect();
                    for job_id in stuck {
                        if let Some(job) = jobs.get_mut(&job_id) {
                            job["JobStatus"] = json!("CREATED");
                            job["CompletedPieces"] = json!(0);
                            count += 1;
                        }
                    }
                }
                Ok::<usize, crate::mock::error::MockError>(count)
            })?;
            resumed += count.transpose()?.unwrap_or(0);
        }
        Ok(resumed)
    }
}

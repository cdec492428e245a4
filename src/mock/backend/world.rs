//! The whole world at once: a copy of every project (for a state file), replacing the world
//! with another (loading a state file, resetting the demo).

use super::Backend;
use crate::mock::error::MockResult;
use crate::mock::store::StoredProject;

impl Backend {
    /// Every project with every row, as stored now (each project read in one transaction).
    pub fn snapshot(&self) -> MockResult<Vec<StoredProject>> {
        let mut projects = Vec::new();
        for id in self.store.project_ids() {
            let copy = self.store.read(&id, |project| StoredProject {
                app: project.app.clone(),
                rows: project.rows(),
                seq: 0,
            })?;
            projects.extend(copy);
        }
        Ok(projects)
    }

    /// Removes every project.
    pub fn clear(&self) -> MockResult<()> {
        for id in self.store.project_ids() {
            self.store.delete_project(&id)?;
        }
        Ok(())
    }

    /// Replaces every project with `projects`; answers how many there are now. Rows that
    /// cannot be read refuse the whole world before anything is removed.
    pub fn replace_world(&self, projects: Vec<StoredProject>) -> MockResult<usize> {
        let records =
            projects.into_iter().map(StoredProject::into_record).collect::<Result<Vec<_>, _>>()?;
        self.clear()?;
        let count = records.len();
        for record in records {
            self.store.create_project(record)?;
        }
        Ok(count)
    }
}

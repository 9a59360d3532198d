// Subjects in this group, one JSON file each (validated against ZAtlasSubject by the atlas tests).
// Add a line per subject: `import python from './programming/python.json';` and list it below.
import python from './programming/python.json';
import javascript from './programming/javascript.json';
import typescript from './programming/typescript.json';
import react from './programming/react.json';
import webHtmlCss from './programming/web-html-css.json';
import sql from './data/sql.json';
import java from './programming/java.json';
import go from './programming/go.json';
import rust from './programming/rust.json';
import git from './programming/git.json';
import linuxCommandLine from './cloud/linux-command-line.json';
import docker from './cloud/docker.json';
import terraform from './cloud/terraform.json';
import kubernetesCka from './cloud/kubernetes-cka.json';
import awsSolutionsArchitectAssociate from './cloud/aws-solutions-architect-associate.json';
import awsCloudPractitioner from './cloud/aws-cloud-practitioner.json';
import azureFundamentals from './cloud/azure-fundamentals.json';
import dataAnalysisPandas from './data/data-analysis-pandas.json';
import machineLearning from './data/machine-learning.json';
import excel from './data/excel.json';

export const subjects: unknown[] = [
  python,
  javascript,
  typescript,
  react,
  webHtmlCss,
  sql,
  java,
  go,
  rust,
  git,
  linuxCommandLine,
  docker,
  terraform,
  kubernetesCka,
  awsSolutionsArchitectAssociate,
  awsCloudPractitioner,
  azureFundamentals,
  dataAnalysisPandas,
  machineLearning,
  excel,
];

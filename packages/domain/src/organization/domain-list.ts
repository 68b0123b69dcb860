/** Enforcement domains (执法领域) used for certificates, teams and the catalog. */
export const DOMAINS = [
  '城市管理',
  '市场监管',
  '生态环境',
  '交通运输',
  '文化市场',
  '农业',
  '自然资源',
  '应急管理',
  '卫生健康',
  '住房建设',
  '水利',
  // Further domains of county catalogs (catalog-sample.csv, 19 domains; 住房和城乡建设, 文化旅游 and 农业农村 are
  // aliases of 住房建设, 文化市场 and 农业: see catalog/domains.ts).
  '城乡规划',
  '林业',
  '档案',
  '人防',
  '民政',
  '消防救援',
  '广电',
  '民宗',
] as const;

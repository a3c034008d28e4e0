# language: es
Característica: Corpus de aceptación de clientes realistas
  Como consultor que presenta las conclusiones delante del cliente
  quiero que cada cliente del corpus (España y Latinoamérica, varios sectores y tamaños) reciba
  exactamente los riesgos que el documento justifica, con su gravedad
  para no presentar nunca un riesgo alto que no se sostiene ni pasar por alto un hueco real.

  Los casos están en knowledge_base/tests: cada uno describe la situación, da las respuestas y
  razona, con la cita del documento, por qué se espera cada riesgo.

  Esquema del escenario: <caso> (<sector>): riesgos de gravedad alta: <altos>
    Dado el caso de aceptación "<caso>"
    Cuando evalúo el plan
    Entonces los riesgos de gravedad alta son "<altos>"
    Y el caso cumple todas sus expectativas

    Ejemplos: empresas bien gestionadas
      | caso                                              | sector                            | altos   |
      | bien-charcuteria-espana                           | alimentación, España              | ninguno |
      | bien-controles-internos-bebidas-espana            | bebidas, España                   | ninguno |
      | bien-cuentas-clave-ventas-cadenas-espana          | alimentación, España              | ninguno |
      | bien-electrodomesticos-chile                      | electrodomésticos, Chile          | ninguno |
      | bien-energeticas-peru                             | bebidas, Perú                     | ninguno |
      | bien-equipos-id-lidera-chile                      | maquinaria industrial, Chile      | ninguno |
      | bien-equipos-mineria-peru                         | maquinaria industrial, Perú       | ninguno |
      | bien-inversion-por-cadena-galletas-espana         | alimentación, España              | ninguno |
      | bien-laboratorio-otc-espana                       | farmacia sin receta, España       | ninguno |
      | bien-lacteos-argentina                            | alimentación, Argentina           | ninguno |
      | bien-otc-comite-mexico                            | farmacia sin receta, México       | ninguno |
      | bien-pinturas-chile                               | materiales de construcción, Chile | ninguno |
      | bien-promociones-medidas-lacteos-colombia         | alimentación, Colombia            | ninguno |
      | bien-proveedor-envases-conservas-chile            | alimentación, Chile               | ninguno |
      | bien-rediseno-antes-de-arrancar-bebidas-argentina | bebidas, Argentina                | ninguno |
      | bien-televenta-refrescos-mexico                   | bebidas, México                   | ninguno |
      | bien-textil-pedidos-espana                        | textil, España                    | ninguno |
      | bien-uniformes-ventas-mexico                      | textil, México                    | ninguno |

    Ejemplos: huecos reales que una lectura rápida pasaría por alto
      | caso                                     | sector                                   | altos                          |
      | hueco-aportaciones-cosmetica-colombia    | cosmética, Colombia                      | chain_development_blocked      |
      | hueco-aprobaciones-jugos-mexico          | bebidas, México                          | departments_cannot_act         |
      | hueco-autoridad-telecom-peru             | distribución de telecomunicaciones, Perú | departments_cannot_act         |
      | hueco-cadenas-materiales-mexico          | materiales de construcción, México       | ninguno                        |
      | hueco-equipo-sin-acuerdos-electro-espana | electrodomésticos, España                | ninguno                        |
      | hueco-kpi-cadenas-electro-mexico         | electrodomésticos, México                | ninguno                        |
      | hueco-kpi-lanzamientos-argentina         | dermocosmética, Argentina                | ninguno                        |
      | hueco-maquilador-perfumeria-espana       | cosmética, España                        | ninguno                        |
      | hueco-personal-agro-peru                 | agroinsumos, Perú                        | ninguno                        |
      | hueco-personal-bebidas-mexico            | bebidas, México                          | deep_distribution_understaffed |
      | hueco-recorte-cerveza-espana             | bebidas, España                          | ninguno                        |
      | hueco-una-espera-logistica-espana        | alimentación, España                     | ninguno                        |

    Ejemplos: otros clientes
      | caso                                        | sector                                       | altos                                                                                                                                                                          |
      | otro-acuerdos-parciales-cafe-espana         | alimentación, España                         | ninguno                                                                                                                                                                        |
      | otro-agro-sin-garantias-colombia            | agroinsumos, Colombia                        | deep_distribution_understaffed, deep_distribution_unsupported, new_products_slow, new_products_unsupported, plan_abandoned_for_rebates, plan_underresourced, staff_not_steered |
      | otro-director-general-valora-recortes-chile | alimentación, Chile                          | ninguno                                                                                                                                                                        |
      | otro-envasadoras-sin-evaluacion-espana      | maquinaria industrial, España                | staff_not_steered                                                                                                                                                              |
      | otro-lanzamientos-calidad-sin-carta-espana  | cosmética, España                            | ninguno                                                                                                                                                                        |
      | otro-lanzamientos-sin-recursos-farma-espana | farmacia sin receta, España                  | ninguno                                                                                                                                                                        |
      | otro-maquinaria-agricola-argentina          | maquinaria agrícola, Argentina               | ninguno                                                                                                                                                                        |
      | otro-procesos-cafe-colombia                 | alimentación, Colombia                       | inefficient_process_execution                                                                                                                                                  |
      | otro-promociones-sucursales-moda-argentina  | textil, Argentina                            | branches_unsupported, objectives_unmeasured, plan_underresourced, promotions_unsupported                                                                                       |
      | otro-recargas-telecom-colombia              | distribución de telecomunicaciones, Colombia | ninguno                                                                                                                                                                        |
      | otro-sintesis-aperturas-limpieza-colombia   | productos de limpieza, Colombia              | ninguno                                                                                                                                                                        |
      | otro-sintesis-rutas-snacks-peru             | alimentación, Perú                           | ninguno                                                                                                                                                                        |
      | otro-snacks-reembolsos-chile                | alimentación, Chile                          | ninguno                                                                                                                                                                        |
      | otro-sucursales-galletas-colombia           | alimentación, Colombia                       | ninguno                                                                                                                                                                        |

  Esquema del escenario: <caso>: una empresa bien gestionada no recibe ningún riesgo de gravedad alta
    Dado el caso de aceptación "<caso>"
    Cuando evalúo el plan
    Entonces no se establece ningún riesgo de gravedad alta

    Ejemplos:
      | caso                                              |
      | bien-charcuteria-espana                           |
      | bien-controles-internos-bebidas-espana            |
      | bien-cuentas-clave-ventas-cadenas-espana          |
      | bien-electrodomesticos-chile                      |
      | bien-energeticas-peru                             |
      | bien-equipos-id-lidera-chile                      |
      | bien-equipos-mineria-peru                         |
      | bien-inversion-por-cadena-galletas-espana         |
      | bien-laboratorio-otc-espana                       |
      | bien-lacteos-argentina                            |
      | bien-otc-comite-mexico                            |
      | bien-pinturas-chile                               |
      | bien-promociones-medidas-lacteos-colombia         |
      | bien-proveedor-envases-conservas-chile            |
      | bien-rediseno-antes-de-arrancar-bebidas-argentina |
      | bien-televenta-refrescos-mexico                   |
      | bien-textil-pedidos-espana                        |
      | bien-uniformes-ventas-mexico                      |

  Esquema del escenario: cliente de ejemplo <ejemplo>: cumple sus expectativas
    Dado el caso de aceptación "ejemplo-<ejemplo>"
    Cuando evalúo el plan
    Entonces el caso cumple todas sus expectativas

    Ejemplos:
      | ejemplo                             |
      | alimentacion-grandes-superficies    |
      | bebidas-distribucion                |
      | cosmetica-promociones               |
      | electrodomesticos-sucursales        |
      | farmacia-nuevos-productos           |
      | maquinaria-sin-garantias            |
      | materiales-cadenas-sin-aportaciones |
      | muchas-incognitas                   |
      | plan-bien-preparado                 |
      | textil-rediseno-procesos            |
